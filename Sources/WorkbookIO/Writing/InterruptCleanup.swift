import Glibc

/// The temporary files of outputs being written, removed should the run be stopped (Ctrl-C,
/// `kill`, a terminal closed) before they take their names, so that nothing half-written is
/// left beside the input. The handler does only what a signal handler may: it reads a fixed
/// table of C strings, unlinks each, and stops the process as the signal would have.
public enum InterruptCleanup {
    static let capacity = 16
    /// The paths, as C strings made with `strdup`; nil where a place is free.
    nonisolated(unsafe) static let table: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        table.initialize(repeating: nil, count: capacity)
        return table
    }()
    nonisolated(unsafe) static var installed = false
    nonisolated(unsafe) static var lock = pthread_mutex_t()
    /// The signals that stop a run by default: each removes the files first. (Only INT, TERM
    /// and HUP until stop 44: a Ctrl-\\, a closed pipe or a timer's signal left half-written
    /// files beside the input.)
    static let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGALRM, SIGUSR1, SIGUSR2, SIGXCPU, SIGVTALRM,
                          SIGPROF]

    /// Lists `path` to be removed if the run is stopped; a full table lists nothing more.
    static func register(_ path: String) {
        withLock {
            if !installed {
                installed = true
                for number in signals { signal(number, removeAndStop) }
                // A file-size limit (`ulimit -f`) makes the write fail instead of stopping the
                // run, which then reports it and removes its files as for any failed write.
                signal(SIGXFSZ, SIG_IGN)
            }
            for index in 0..<capacity where table[index] == nil {
                table[index] = strdup(path)
                return
            }
        }
    }

    /// A new file made from `template` (a path ending `XXXXXX`, as mkstemp takes), listed to
    /// be removed should the run be stopped, and given a document's mode: its descriptor,
    /// open for writing, and its path. The signals are held back until the path is listed: a
    /// stop between the two had left the file behind (explore-CC). `doing` names the step in
    /// the error when no file can be made.
    static func makeListedFile(template: String, doing: String) throws -> (descriptor: Int32, path: String) {
        var held = sigset_t(), previous = sigset_t()
        sigemptyset(&held)
        for number in signals { sigaddset(&held, number) }
        pthread_sigmask(SIG_BLOCK, &held, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        var bytes = Array(template.utf8CString)
        let descriptor = bytes.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw WorkbookWriteError(doing: doing, message: systemMessage(errno)) }
        let path = bytes.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        register(path)
        // mkstemp makes the file private (0600); an output is a document to share with the
        // CIO, so it gets a document's mode as the user's umask allows.
        fchmod(descriptor, documentMode)
        return (descriptor, path)
    }

    /// The mode an output is given: a document's usual rw-rw-rw- less what the user's umask
    /// takes away (rw-r--r-- under the common 022, rw------- under 077). mkstemp makes its
    /// files private; until stop 53 every output was made rw-r--r--, readable by every user
    /// of the machine whatever the umask said (explore-CC).
    static let documentMode: mode_t = {
        let mask = umask(0o022)
        umask(mask)
        return 0o666 & ~mask
    }()

    /// Takes `path` off the list: it has its name, or is gone.
    static func unregister(_ path: String) {
        withLock {
            for index in 0..<capacity {
                guard let listed = table[index], strcmp(listed, path) == 0 else { continue }
                table[index] = nil
                free(listed)
                return
            }
        }
    }

    private static func withLock(_ body: () -> Void) {
        pthread_mutex_lock(&lock)
        body()
        pthread_mutex_unlock(&lock)
    }
}

extension InterruptCleanup {
    /// Removes the listed files; only what a signal handler may do.
    public static func removeListedFiles() {
        for index in 0..<capacity {
            if let path = table[index] { unlink(path) }
        }
    }
}

/// Removes the listed files, then lets the signal stop the process as it would have.
private func removeAndStop(_ number: Int32) {
    InterruptCleanup.removeListedFiles()
    signal(number, SIG_DFL)
    raise(number)
}
