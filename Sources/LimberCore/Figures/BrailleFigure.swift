/// Draws a figure's pose in braille for the terminal, from the same scene the SVG is drawn from.
public struct BrailleFigure: Sendable {
    public let scene: FigureScene
    private let bounds: (minX: Double, minY: Double, maxX: Double, maxY: Double)

    public init?(_ exercise: Exercise) {
        guard let figure = exercise.figure else { return nil }
        scene = FigureScene(figure)
        let body = scene.bodyBounds ?? (0, 0, FigureSkeleton.frameWidth, FigureSkeleton.floorY)
        bounds = (body.minX - 2, body.minY - 2, body.maxX + 2, max(body.maxY, FigureSkeleton.floorY + 1))
    }

    /// The pose `move` reaches at `progress` (0 to 1), drawn in at most `columns` by `rows` cells.
    public func lines(
        move: FigureMove, progress: Double, columns: Int, rows: Int
    ) -> [String] {
        guard let from = scene.pose(move.from), let to = scene.pose(move.to) else { return [] }
        let placements = zip(from.placements, to.placements).map { a, b in
            NodePlacement(
                x: a.x + (b.x - a.x) * progress, y: a.y + (b.y - a.y) * progress,
                rotation: a.rotation + (b.rotation - a.rotation) * progress,
                scaleX: a.scaleX + (b.scaleX - a.scaleX) * progress,
                scaleY: a.scaleY + (b.scaleY - a.scaleY) * progress)
        }
        return lines(placements, mirrored: move.mirrored, columns: columns, rows: rows)
    }

    /// One keyframe, still.
    public func lines(step: String, mirrored: Bool, columns: Int, rows: Int) -> [String] {
        guard let pose = scene.pose(step) ?? scene.poses.first else { return [] }
        return lines(pose.placements, mirrored: mirrored, columns: columns, rows: rows)
    }

    private func lines(_ placements: [NodePlacement], mirrored: Bool, columns: Int, rows: Int) -> [String] {
        let width = bounds.maxX - bounds.minX
        let height = bounds.maxY - bounds.minY
        // Braille dots are about square, so one scale fits the figure inside the cells.
        let scale = min(Double(columns * 2) / width, Double(rows * 4) / height)
        let usedColumns = min(columns, max(1, Int((width * scale / 2).rounded(.up))))
        let usedRows = min(rows, max(1, Int((height * scale / 4).rounded(.up))))
        var canvas = BrailleCanvas(columns: usedColumns, rows: usedRows)
        func map(_ p: FigurePoint) -> (Double, Double) {
            let x = (p.x - bounds.minX) * scale
            return (mirrored ? Double(canvas.dotWidth) - x : x, (p.y - bounds.minY) * scale)
        }
        let floor = map(FigurePoint(bounds.minX, FigureSkeleton.floorY + 0.5)).1
        canvas.line(0, floor, Double(canvas.dotWidth), floor, width: 1)
        for prop in scene.figure.props where prop.kind == .wall {
            let x = map(FigurePoint(prop.x, 0)).0
            canvas.line(x, 0, x, floor, width: 1)
        }
        for (form, _) in scene.skeleton.worldShapes(placements) {
            switch form {
            case .limb(let from, let to, let width):
                let a = map(from)
                let b = map(to)
                // Thin enough that limbs stay apart at terminal sizes, never thinner than a dot.
                canvas.line(a.0, a.1, b.0, b.1, width: max(1, width * scale * 0.7))
            case .head(let center, let radius):
                let c = map(center)
                canvas.disc(c.0, c.1, radius: radius * scale)
            }
        }
        return canvas.lines()
    }
}
