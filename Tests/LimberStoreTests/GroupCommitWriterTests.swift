import Foundation
import GRDB
import Testing

@testable import LimberStore

/// The batching itself, made certain: a first write holds the transaction open while the
/// others queue up, so that they are known to form one batch when it lets go.
@Suite("GroupCommitWriter")
struct GroupCommitWriterTests {
    struct Refused: Error, Equatable {}

    @Test("A write that throws in a batch undoes only its own changes; the others commit")
    func aFailingWriteUndoesOnlyItsOwnChanges() async throws {
        let (database, commits) = try makeDatabase()
        let writer = GroupCommitWriter(database)

        let outcomes = try await inOneBatch(writer, count: 20) { index, db in
            try db.execute(sql: "INSERT INTO items (id) VALUES (?)", arguments: [index])
            if index == 7 { throw Refused() }
        }

        #expect(throws: Refused()) { try outcomes[7].get() }
        for index in outcomes.indices where index != 7 {
            #expect(throws: Never.self) { try outcomes[index].get() }
        }
        let stored = try await database.read { db in try Int.fetchAll(db, sql: "SELECT id FROM items ORDER BY id") }
        #expect(stored == [-1] + (0..<20).filter { $0 != 7 })
        #expect(commits.insertsPerCommit == [1, 19], "the first write alone, then the 19 others in one commit")
    }

    @Test("When the batch's commit fails, every write in it gets the error and none is stored")
    func aFailedCommitFailsEveryWriteInTheBatch() async throws {
        let (database, commits) = try makeDatabase()
        let writer = GroupCommitWriter(database)

        // A deferred foreign key is checked at COMMIT, so each write succeeds on its own and
        // only the commit of the whole batch fails.
        let outcomes = try await inOneBatch(writer, count: 10) { index, db in
            try db.execute(sql: "INSERT INTO items (id) VALUES (?)", arguments: [index])
            if index == 3 { try db.execute(sql: "INSERT INTO children (parentId) VALUES (999)") }
        }

        for outcome in outcomes {
            #expect(throws: DatabaseError.self) { try outcome.get() }
        }
        let stored = try await database.read { db in try Int.fetchAll(db, sql: "SELECT id FROM items") }
        #expect(stored == [-1], "only the write before the batch is stored")
        #expect(commits.insertsPerCommit == [1])
    }

    @Test("A write that makes SQLite roll back the whole transaction fails its whole batch with that error")
    func aWriteThatAbortsTheTransactionFailsTheBatch() async throws {
        let (database, commits) = try makeDatabase()
        let writer = GroupCommitWriter(database)

        // OR ROLLBACK makes a constraint error roll back the transaction, not just the statement,
        // as a full disk or an I/O error would.
        let outcomes = try await inOneBatch(writer, count: 10) { index, db in
            try db.execute(sql: "INSERT INTO items (id) VALUES (?)", arguments: [index])
            if index == 4 { try db.execute(sql: "INSERT OR ROLLBACK INTO items (id) VALUES (0)") }
        }

        for outcome in outcomes {
            let error = try #require(throws: DatabaseError.self) { try outcome.get() }
            #expect(error.resultCode == .SQLITE_CONSTRAINT)
        }
        let stored = try await database.read { db in try Int.fetchAll(db, sql: "SELECT id FROM items") }
        #expect(stored == [-1])
        #expect(commits.insertsPerCommit == [1])
    }

    @Test("Each write gets its own result, and a write after a batch starts a new one")
    func eachWriteGetsItsOwnResult() async throws {
        let (database, _) = try makeDatabase()
        let writer = GroupCommitWriter(database)

        let results = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for index in 0..<100 {
                group.addTask {
                    let id = try await writer.write { db in
                        try db.execute(sql: "INSERT INTO items (id) VALUES (?)", arguments: [index * 10])
                        return Int(db.lastInsertedRowID)
                    }
                    return (index, id)
                }
            }
            return try await group.reduce(into: [Int: Int]()) { $0[$1.0] = $1.1 }
        }
        let later = try await writer.write { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM items") }

        #expect(results == Dictionary(uniqueKeysWithValues: (0..<100).map { ($0, $0 * 10) }))
        #expect(later == 100)
    }

    @Test("Batches are never larger than the limit")
    func batchesAreBounded() async throws {
        let (database, commits) = try makeDatabase()
        let writer = GroupCommitWriter(database, maximumBatchSize: 4)

        _ = try await inOneBatch(writer, count: 10) { index, db in
            try db.execute(sql: "INSERT INTO items (id) VALUES (?)", arguments: [index])
        }

        #expect(commits.insertsPerCommit == [1, 4, 4, 2], "the first write alone, then 10 queued in batches of 4")
        let stored = try await database.read { db in try Int.fetchAll(db, sql: "SELECT id FROM items ORDER BY id") }
        #expect(stored == [-1] + Array(0..<10))
    }

    // MARK: - Helpers

    /// An in-memory database with a table to write to and a deferred foreign key to break, and
    /// a record of how many rows each of its commits stored.
    private func makeDatabase() throws -> (DatabaseQueue, CommitRecorder) {
        let database = try DatabaseQueue()
        try database.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE items (id INTEGER PRIMARY KEY);
                    CREATE TABLE parents (id INTEGER PRIMARY KEY);
                    CREATE TABLE children (
                        parentId INTEGER REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED);
                    """)
        }
        let recorder = CommitRecorder()
        database.add(transactionObserver: recorder, extent: .databaseLifetime)
        return (database, recorder)
    }

    /// Runs `count` writes that are sure to share one batch (unless the limit splits them),
    /// returning each one's outcome by index. A first write, which stores row -1, holds its
    /// transaction open until all of them are queued behind it.
    private func inOneBatch(
        _ writer: GroupCommitWriter, count: Int, _ body: @escaping @Sendable (Int, Database) throws -> Void
    ) async throws -> [Result<Void, any Error>] {
        let started = DispatchSemaphore(value: 0)
        let gate = DispatchSemaphore(value: 0)
        async let first: Void = writer.write { db in
            try db.execute(sql: "INSERT INTO items (id) VALUES (-1)")
            started.signal()
            // Blocks GRDB's writer thread, not one of Swift's, while the others queue up.
            gate.wait()
        }
        do {
            try await waitUntil { started.wait(timeout: .now()) == .success }
        } catch {
            gate.signal()
            throw error
        }

        let outcomes = try await withThrowingTaskGroup(of: (Int, Result<Void, any Error>).self) { group in
            for index in 0..<count {
                group.addTask {
                    do {
                        try await writer.write { db in try body(index, db) }
                        return (index, .success(()))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            do {
                try await waitUntil { await writer.pendingCount == count }
            } catch {
                gate.signal()
                throw error
            }
            gate.signal()
            var outcomes = [Result<Void, any Error>?](repeating: nil, count: count)
            for try await (index, outcome) in group { outcomes[index] = outcome }
            return outcomes.map { $0! }
        }
        try await first
        return outcomes
    }

    /// Polls until `condition` holds; fails instead of hanging if it never does.
    private func waitUntil(_ condition: () async -> Bool) async throws {
        for _ in 0..<10_000 {
            if await condition() { return }
            try await Task.sleep(for: .milliseconds(1))
        }
        Issue.record("the condition never held")
        throw CancellationError()
    }
}

/// How many rows went into `items` in each committed transaction, in order. GRDB leaves out rows
/// whose savepoint was rolled back, so this counts what each commit really stored.
///
/// `@unchecked Sendable`: GRDB calls it on the writer's queue, and the lock covers the test
/// reading it from its own task.
private final class CommitRecorder: TransactionObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var inserts = 0
    private var committed: [Int] = []

    var insertsPerCommit: [Int] { lock.withLock { committed } }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        if case .insert(tableName: "items") = eventKind { return true }
        return false
    }

    func databaseDidChange(with event: DatabaseEvent) {
        lock.withLock { inserts += 1 }
    }

    func databaseDidCommit(_ db: Database) {
        lock.withLock {
            committed.append(inserts)
            inserts = 0
        }
    }

    func databaseDidRollback(_ db: Database) {
        lock.withLock { inserts = 0 }
    }
}
