import GRDB

/// Commits writes that arrive together in one transaction, so that they share one fsync.
///
/// The file's writer syncs on every commit (`synchronous = FULL`), and SQLite has one writer,
/// so one transaction per write caps a busy server at about one write per fsync. Here a write
/// that arrives while a transaction is running waits for it, then goes into the next one with
/// everything else that queued up meanwhile. A lone write starts at once: nothing waits for a
/// batch to fill.
///
/// Each write runs in its own savepoint, so one that throws undoes only its own changes and gets
/// its own error while the rest of its batch commits. Callers resume only once the batch has
/// committed; if the commit fails, every caller in it gets that error, so nothing is acknowledged
/// that was not stored. A queued write is not withdrawn when its caller's task is cancelled:
/// it commits or fails with its batch, and the caller waits for that answer.
///
/// An actor because its queue and drain flag change from many tasks; the database work itself
/// runs on GRDB's writer, which also serialises these batches with every other write.
actor GroupCommitWriter {
    /// The most writes one transaction takes. It keeps a transaction, and the time other writers
    /// (the CLI, another process) wait for the lock, to a few milliseconds under any load;
    /// 256 is well above the requests a busy server has in flight, so normally a batch is
    /// simply every write that was waiting.
    static let defaultMaximumBatchSize = 256

    private let writer: any DatabaseWriter
    private let maximumBatchSize: Int
    private var pending: [Job] = []
    /// Whether a drain loop is running; a write starts one only when none is.
    private var isDraining = false

    /// How many writes wait for the next batch; tests use it to line writes up into one.
    var pendingCount: Int { pending.count }

    init(_ writer: any DatabaseWriter, maximumBatchSize: Int = defaultMaximumBatchSize) {
        precondition(maximumBatchSize > 0, "a batch must hold at least one write")
        self.writer = writer
        self.maximumBatchSize = maximumBatchSize
    }

    /// Runs `body` in a write transaction, possibly shared with other writes, and returns its
    /// result once that transaction has committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            pending.append(
                Job(
                    run: { db in
                        let outcome = Result { try Self.inSavepoint(db, body) }
                        // A few errors (a full disk, an I/O error) make SQLite roll back the whole
                        // transaction, not just the savepoint: the batch cannot commit, and this
                        // error says why better than the "transaction was aborted" GRDB would give.
                        if case .failure(let error) = outcome, !db.isInsideTransaction { throw error }
                        return { continuation.resume(with: outcome) }
                    },
                    fail: { error in continuation.resume(throwing: error) }))
            if !isDraining {
                isDraining = true
                Task { await drain() }
            }
        }
    }

    /// Commits batches until nothing is pending. Writes that arrive while a batch commits wait
    /// in `pending` and form the next batch.
    private func drain() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(maximumBatchSize))
            pending.removeFirst(batch.count)
            await commit(batch)
        }
        isDraining = false
    }

    /// Resumes every job of the batch exactly once: with its own outcome after the commit, or
    /// with the error that stopped the transaction.
    private func commit(_ batch: [Job]) async {
        do {
            let answers = try await writer.write { db in try batch.map { try $0.run(db) } }
            for answer in answers { answer() }
        } catch {
            for job in batch { job.fail(error) }
        }
    }

    private static func inSavepoint<T>(_ db: Database, _ body: (Database) throws -> T) throws -> T {
        var result: T?
        try db.inSavepoint {
            result = try body(db)
            return .commit
        }
        guard let result else {
            // inSavepoint returns only after running the body, so this cannot happen.
            throw DatabaseError(resultCode: .SQLITE_INTERNAL, message: "savepoint ended without a result")
        }
        return result
    }

    /// One queued write, with its result type erased so that a batch can mix them.
    private struct Job: Sendable {
        /// Runs the write in its own savepoint and returns how to answer its caller once the
        /// batch has committed; throws only when the whole transaction is lost.
        let run: @Sendable (Database) throws -> @Sendable () -> Void
        /// Answers the caller when the batch's transaction did not commit.
        let fail: @Sendable (any Error) -> Void
    }
}
