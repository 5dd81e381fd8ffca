import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Keeps a second custodian off a data directory that one is already using.
///
/// Two custodians on one directory would each append to the same audit log from their own idea of its
/// size, sign two different heads for one size (a fork) and lose acknowledged entries. The first
/// takes an exclusive `flock(2)` on `<data-dir>/custodian.lock` and holds it for as long as the
/// process lives (the kernel releases it when the process ends, even on `kill -9`).
enum DataDirectoryLock {
    /// Takes the lock or throws at once.
    /// - Throws: ``CustodianError`` `internal` when another process holds it, or the file can't be opened.
    static func acquire(in directory: URL) throws {
        let path = directory.appendingPathComponent("custodian.lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CustodianError.internal("The custodian can't open its lock file \(path) (errno \(errno)).")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw CustodianError.internal("""
                Another custodian is already using the data directory \(directory.path); \
                stop it first (two on one directory would fork the audit log).
                """)
        }
        // Deliberately left open: the lock lasts as long as this process.
    }
}
