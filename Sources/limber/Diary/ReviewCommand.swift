import ArgumentParser
import Foundation
import LimberCore

struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Look through the diary for anything a doctor should hear about.",
        discussion: """
            Points out a cramp longer than 10 minutes, cramps week after week, cramps that keep waking you, \
            cramps getting worse, cramps with a statin or a new medicine, and cramps that come on while walking. \
            It is not a diagnosis.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Print the findings as JSON.")
    var json = false

    func run() async throws {
        let (store, _) = try await storeOptions.openStoreForReading()
        let findings = DiaryReview.review(
            episodes: try await store.episodes(profile: storeOptions.person, since: nil, region: nil), now: Date(),
            calendar: .diaryWeeks(timeZone: try await storeOptions.timeZone(in: store)))
        if json { return try printJSON(findings) }
        print(ReviewText.render(findings))
    }
}
