import CompressNIO
import Foundation
import HTTPTypes
import HummingbirdTesting
import LimberCore
import NIOCore
import Testing

@testable import LimberServer

/// The figures reach every screen that shows an exercise: as cached images, inline where they move,
/// and on the printable handout.
@Suite("Figures on the web")
struct FigurePageTests {
    @Test("A figure image is SVG with a strong tag, a 304 when unchanged, and a policy that runs no script")
    func figureImage() async throws {
        try await TestApp.run { client, _ in
            let uri = "/figures/calf-stretch-wall.svg?step=hold&side=left"
            let first = try await client.get(uri)
            #expect(first.status == .ok)
            #expect(first.headers[.contentType] == "image/svg+xml; charset=utf-8")
            let svg = String(buffer: first.body)
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(svg.contains("<title") && svg.contains("Calf stretch at a wall"))
            #expect(
                first.headers[.contentSecurityPolicy]
                    == "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
            #expect(first.headers[.xContentTypeOptions] == "nosniff", "the other security headers are still there")
            let etag = try #require(first.headers[.eTag])
            #expect(etag.hasPrefix("\""))
            let again = try await client.get(uri, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)

            let right = String(buffer: try await client.get("/figures/calf-stretch-wall.svg?step=hold&side=right").body)
            #expect(right != svg && right.contains("transform=\"matrix(-1 0 0 1"), "the right leg is the left mirrored")
        }
    }

    @Test(
        "A figure asked for a pose or side that does not exist gets a 400 naming the field; an unknown exercise a 404")
    func badFigureRequests() async throws {
        try await TestApp.run { client, _ in
            let step = try await client.get("/figures/calf-stretch-wall.svg?step=raise")
            #expect(step.status == .badRequest)
            #expect(String(buffer: step.body).contains("is not a pose of calf-stretch-wall; use one of setup, hold"))
            let side = try await client.get("/figures/calf-stretch-wall.svg?side=middle")
            #expect(side.status == .badRequest)
            #expect(String(buffer: side.body).contains("use left or right"))
            #expect(try await client.get("/figures/no-such-stretch.svg").status == .notFound)
            #expect(try await client.get("/figures/calf-stretch-wall.png").status == .notFound)
        }
    }

    @Test("Every keyframe of every exercise is at most 2 KB once gzipped")
    func framesAreSmall() async throws {
        let catalog = try CatalogLoader.load()
        var largest = 0
        for exercise in catalog.exercises {
            let renderer = try #require(FigureRenderer(exercise))
            for keyframe in renderer.figure.keyframes {
                let svg = renderer.svg(step: keyframe.step, side: renderer.figure.drawnSide, standalone: true)
                let gzipped = try Gzip.compress(ByteBuffer(string: svg)).readableBytes
                largest = max(largest, gzipped)
                #expect(gzipped <= 2048, "\(exercise.id) \(keyframe.step): \(gzipped) bytes")
            }
        }
        #expect(largest > 500, "the figures draw something")
    }

    @Test("The exercise page shows the starting position and a figure that can play the movement")
    func exercisePage() async throws {
        try await TestApp.run { client, _ in
            let page = String(buffer: try await client.get("/exercises/mid-trap-raise").body)
            #expect(page.contains("<img class=\"fig-img\" src=\"/figures/mid-trap-raise.svg?step=setup\""))
            #expect(page.contains("data-poses="), "the moving figure carries its keyframes")
            #expect(page.contains("data-demo="))
            #expect(page.contains("Play the movement"))
            #expect(page.contains("<link rel=\"stylesheet\" href=\"/figure.css\">"))
            #expect(page.contains("Winter"), "the proportions' source is named")
            let css = try await client.get("/figure.css")
            #expect(css.status == .ok && String(buffer: css.body) == FigureStyle.css)
        }
    }

    @Test("Region and routine pages show a small figure beside each exercise")
    func thumbnails() async throws {
        try await TestApp.run { client, _ in
            let region = String(buffer: try await client.get("/regions/calf").body)
            #expect(
                region.contains("class=\"fig-thumb\" src=\"/figures/calf-stretch-wall.svg?step=hold&amp;side=left\""))
            let routine = String(buffer: try await client.get("/routines/relief-calf").body)
            #expect(routine.contains("class=\"fig-thumb\""))
            #expect(routine.contains("href=\"/routines/relief-calf/handout\""))
        }
    }

    @Test("The player has a figure for each exercise in the routine, and a control that keeps it still")
    func playerFigures() async throws {
        try await TestApp.run { client, _ in
            let page = String(buffer: try await client.get("/play?routine=seed-full").body)
            let routine = try #require(try CatalogLoader.load().routine("seed-full"))
            for item in routine.items {
                #expect(
                    page.contains("class=\"player-figure\" data-exercise-id=\"\(item.exerciseId)\""),
                    "\(item.exerciseId)")
            }
            #expect(page.contains("id=\"figure-toggle\""))
        }
    }

    @Test(
        "The handout lists each exercise with its figures, cautions before the steps, the person's dose and the warning signs"
    )
    func handout() async throws {
        try await TestApp.run { client, _ in
            let response = try await client.get("/routines/relief-calf/handout")
            #expect(response.status == .ok)
            let page = String(buffer: response.body)
            #expect(page.contains("1. Calf stretch at a wall"))
            #expect(
                page.contains("<figcaption>1a. Start</figcaption><svg viewBox="), "the figures are drawn in the page")
            #expect(page.contains("The figures show the left leg; for the other, do the mirror image."))
            let caution = try #require(page.range(of: "Take care"))
            let steps = try #require(page.range(of: "<h3>Steps</h3>"))
            #expect(caution.lowerBound < steps.lowerBound, "cautions come first")
            #expect(page.contains("Your dose:</strong> Hold 30 s"))
            #expect(page.contains("Warning signs"))
            #expect(page.contains("Urgent: if any of these is true, get medical help as it says"))
            #expect(page.contains("lasted more than 10 minutes"))
            #expect(page.contains("Stop the session and get medical help today"), "each sign says what to do")
            #expect(page.contains("Where this advice comes from"))
            #expect(page.contains("/static/handout.css"))
            #expect(try await client.get("/routines/no-such/handout").status == .notFound)
        }
    }

    @Test("A plan prints too, from the player's own query; a bad query is a 400 naming the field")
    func planHandout() async throws {
        try await TestApp.run { client, _ in
            let player = String(buffer: try await client.get("/play?region=calf&side=left").body)
            #expect(player.contains("href=\"/handout?region=calf&amp;side=left"))
            let page = String(buffer: try await client.get("/handout?region=calf&side=left").body)
            #expect(page.contains("Quick relief: calf"))
            #expect(page.contains("Hold 30 s; left leg only"), "only the side the plan is for")
            #expect(!page.contains("mirror image"))
            let bad = try await client.get("/handout?region=calf&side=middle")
            #expect(bad.status == .badRequest)
            #expect(String(buffer: bad.body).contains("side: &quot;middle&quot; is not accepted; use left or right"))
        }
    }
}
