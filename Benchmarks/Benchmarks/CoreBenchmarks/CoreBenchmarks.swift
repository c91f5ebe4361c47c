import Benchmark
import Foundation
import LimberCore

/// The core's common paths: start-up (load and validate the catalog), planning, and compiling.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput], maxDuration: .seconds(3), maxIterations: 100_000)

    Benchmark("load and validate the bundled catalog") { benchmark in
        let data = try CatalogLoader.bundledData()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let file = try CatalogLoader.decode(data, name: CatalogLoader.bundledFileName)
            blackHole(try CatalogLoader.merge([(CatalogLoader.bundledFileName, file)]))
        }
    }

    Benchmark("plan relief for a left calf cramp") { benchmark in
        let planner = Planner(catalog: try CatalogLoader.load())
        let request = PlanRequest(regions: ["calf"], side: .left)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try planner.plan(request)) }
    }

    Benchmark("plan prevention for three regions with constraints") { benchmark in
        let planner = Planner(catalog: try CatalogLoader.load())
        let request = PlanRequest(
            regions: ["calf", "back-thigh", "lower-back"], goal: .prevention, minutes: 10, standingOnly: false,
            noEquipment: true, conditions: [.osteoporosis])
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try planner.plan(request)) }
    }

    Benchmark("compile the full seed routine") { benchmark in
        let catalog = try CatalogLoader.load()
        let compiler = TimelineCompiler(catalog: catalog)
        let routine = catalog.routine("seed-full")!
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try compiler.compile(routine)) }
    }

    Benchmark("encode the full seed timeline as JSON") { benchmark in
        let catalog = try CatalogLoader.load()
        let timeline = try TimelineCompiler(catalog: catalog).compile(catalog.routine("seed-full")!)
        let encoder = JSONEncoder()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(try encoder.encode(timeline)) }
    }

    Benchmark("render every keyframe of every figure as SVG") { benchmark in
        let renderers = try CatalogLoader.load().exercises.compactMap(FigureRenderer.init)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for renderer in renderers {
                for keyframe in renderer.figure.keyframes {
                    blackHole(renderer.svg(step: keyframe.step, side: renderer.figure.drawnSide, standalone: true))
                }
            }
        }
    }

    Benchmark("draw every keyframe of every figure in braille, 30 by 10 cells") { benchmark in
        let catalog = try CatalogLoader.load()
        let figures = catalog.exercises.compactMap { exercise in BrailleFigure(exercise).map { (exercise, $0) } }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for (exercise, figure) in figures {
                for keyframe in exercise.figure?.keyframes ?? [] {
                    blackHole(figure.lines(step: keyframe.step, mirrored: false, columns: 30, rows: 10))
                }
            }
        }
    }
}
