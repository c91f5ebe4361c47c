import Testing

/// One check of the `Store` contract, named as the test report shows it.
public struct ContractCheck: Sendable, CustomTestStringConvertible {
    public let testDescription: String
    public let run: @Sendable (StoreContract) async throws -> Void

    public init(_ description: String, _ run: @escaping @Sendable (StoreContract) async throws -> Void) {
        testDescription = description
        self.run = run
    }

    /// Every check, in one list: a second backend runs the same list and keeps the same contract.
    public static let all: [ContractCheck] = [
        // The contract
        .init("An added episode reads back with every field as it was given") {
            try await $0.addedEpisodeReadsBackExactly()
        },
        .init("Adding an episode again with the same id keeps the first copy only") {
            try await $0.addingAnEpisodeTwiceKeepsTheFirst()
        },
        .init("Updating an episode replaces every field") { try await $0.updateReplacesEveryField() },
        .init("Updating an episode that is not there returns nil and adds nothing") {
            try await $0.updatingAMissingEpisodeReturnsNilAndAddsNothing()
        },
        .init("Episodes list newest first") { try await $0.episodesListNewestFirst() },
        .init("Listing since a time keeps episodes at or after it") { try await $0.sinceKeepsEpisodesAtOrAfterIt() },
        .init("Pages of episodes laid end to end list each one once, in order, ties included") {
            try await $0.episodePagesListEveryEpisodeOnce()
        },
        .init("Since and before keep one span, so a month shares no episode with the next") {
            try await $0.sinceAndBeforeKeepOneSpan()
        },
        .init("Pages of sessions list each one once, in order; a span keeps its own") {
            try await $0.sessionPagesListEverySessionOnce()
        },
        .init("Listing by region keeps episodes that name that whole region") {
            try await $0.regionKeepsEpisodesThatNameIt()
        },
        .init("Deleting an episode says whether there was one to delete") {
            try await $0.deletingAnEpisodeSaysWhetherItWasThere()
        },
        .init("A severity above 10 is refused and nothing is stored") {
            try await $0.anOutOfRangeSeverityNeverReachesTheStore()
        },
        .init("A session reads back with its ratings and pain scores") { try await $0.addedSessionReadsBackExactly() },
        .init("Ratings given after a session was saved replace that record, not add one") {
            try await $0.updateAddsRatingsToASavedSession()
        },
        .init("Updating a session that is not there returns nil and adds nothing") {
            try await $0.updatingAMissingSessionReturnsNilAndAddsNothing()
        },
        .init("Adding a session again with the same id keeps the first copy only") {
            try await $0.addingASessionTwiceKeepsTheFirst()
        },
        .init("Sessions list newest first, from a given time on") { try await $0.sessionsListNewestFirstFromSince() },
        .init("Deleting a session says whether there was one to delete") {
            try await $0.deletingASessionSaysWhetherItWasThere()
        },
        .init("One profile never sees, changes or deletes another's records") {
            try await $0.profilesNeverSeeEachOthersRecords()
        },
        .init("An import adds only missing records, and repeating it adds none") {
            try await $0.importAddsOnlyMissingRecordsAndRepeatsAsANoOp()
        },
        .init("An import with one bad record adds nothing at all") { try await $0.importIsAllOrNothing() },
        .init("An import into a new profile lands in that profile only") {
            try await $0.importIntoANewProfileStaysInThatProfile()
        },
        .init("A custom routine reads back with every field as it was saved") {
            try await $0.customRoutineReadsBackExactly()
        },
        .init("A custom routine that was never saved is nil, and a new profile has none") {
            try await $0.aMissingCustomRoutineIsNil()
        },
        .init("Custom routines list in the order they were first saved") {
            try await $0.customRoutinesListInTheOrderFirstSaved()
        },
        .init("Saving a custom routine again replaces it and keeps its place") {
            try await $0.replacingACustomRoutineKeepsItsPlace()
        },
        .init("Deleting a custom routine says whether there was one to delete") {
            try await $0.deletingACustomRoutineSaysWhetherItWasThere()
        },
        .init("One profile never sees, replaces or deletes another's custom routines") {
            try await $0.profilesNeverSeeEachOthersCustomRoutines()
        },
        // The contract for personal doses, reminders and feeds
        .init("A personal dose is saved and replaced, one per exercise") {
            try await $0.personalDoseIsSavedAndReplaced()
        },
        .init("Reminders list in the order added and can be deleted") { try await $0.remindersListInOrderAndDelete() },
        .init("One profile never sees, replaces or deletes another's doses, reminders or feed") {
            try await $0.profilesNeverSeeEachOthersDosesRemindersOrFeeds()
        },
        .init("A new calendar feed secret makes the old address stop working") {
            try await $0.aNewFeedSecretRevokesTheOldOne()
        },
        // The contract for a person's time zone and conditions
        .init("A time zone that was never set is nil") { try await $0.aTimeZoneNeverSetIsNil() },
        .init("A time zone reads back as set, a new one replaces it and nil clears it") {
            try await $0.aTimeZoneIsSetReplacedAndCleared()
        },
        .init("One profile's time zone is never another's") { try await $0.oneProfilesTimeZoneIsNotAnothers() },
        .init("Conditions are saved in a fixed order, replaced, and forgotten with nil") {
            try await $0.conditionsAreSavedReplacedAndForgotten()
        },
        // The contract for accepting and undoing a suggested dose
        .init("Accepting a suggestion stores its dose for that profile only") {
            try await $0.acceptingStoresTheProposedDose()
        },
        .init("Accepting the same suggestion again changes nothing") { try await $0.acceptingAgainChangesNothing() },
        .init("Accepting a suggestion that is not current, or is advice only, changes nothing") {
            try await $0.unknownAndAdviceOnlySuggestionsChangeNothing()
        },
        .init("Undo goes back to the dose before, then to the catalog's, then has nothing to undo") {
            try await $0.undoGoesBackOneStepThenToTheCatalog()
        },
        .init("Two accepts of one suggestion at the same moment step up once") {
            try await $0.twoAcceptsAtOnceStepUpOnce()
        },
        .init("An accept and an undo at the same moment leave what one after the other would") {
            try await $0.acceptAndUndoAtOnceLeaveAConsistentState()
        },
        // The contract for accounts
        .init("The first account adopts the local records; later accounts start empty") {
            try await $0.theFirstAccountAdoptsTheLocalRecordsAndLaterOnesStartEmpty()
        },
        .init("A taken account name is refused and changes nothing") {
            try await $0.aTakenNameIsRefusedAndChangesNothing()
        },
        .init("A new password ends every sign-in session of that account only") {
            try await $0.aNewPasswordEndsEverySessionOfThatAccountOnly()
        },
        .init("Removing an account removes everything of its profile and nothing else") {
            try await $0.removingAnAccountRemovesEverythingOfItsProfileAndNothingElse()
        },
        .init("The last admin cannot be removed while others remain") {
            try await $0.theLastAdminStaysWhileOthersRemain()
        },
        .init("Sign-in sessions read back, are touched and end") { try await $0.signInSessionsReadTouchAndEnd() },
        .init("Access tokens list, are found by hash and are revoked only by their owner") {
            try await $0.accessTokensListFindAndRevokeOnlyByTheirOwner()
        },
        .init("An invitation makes one account, before it expires") {
            try await $0.anInviteMakesOneAccountBeforeItExpires()
        },
        .init("A second factor is set, each code and recovery code used once, and turned off") {
            try await $0.aSecondFactorIsSetUsedOnceAndTurnedOff()
        },
        .init("A copy into this store moves everything, accounts included, once") {
            try await $0.aCopyIntoThisStoreMovesEverythingOnce()
        },
        .init("Failed sign-ins are counted, forgotten when old and cleared") {
            try await $0.failedSignInsAreCountedForgottenAndCleared()
        },
    ]
}
