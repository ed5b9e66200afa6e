import Glibc

/// Temporary files the writer spools sheets through, deleted once closed: in the folder
/// TMPDIR names when it is set, else in the system's (`tmpfile`, which reads no TMPDIR).
/// With /tmp read-only or full, the error named the output, whose folder was writable, and
/// TMPDIR could not move the spool elsewhere (explore-AP).
enum ScratchFile {
    /// The folder TMPDIR names, if it is set and not empty.
    static var folder: String? {
        guard let value = getenv("TMPDIR") else { return nil }
        let folder = String(cString: value)
        return folder.isEmpty ? nil : folder
    }

    /// Opens a new temporary file for reading and writing; `doing` says what for, in errors.
    static func open(doing: String) throws -> UnsafeMutablePointer<FILE> {
        guard let folder else {
            guard let file = tmpfile() else {
                throw WorkbookWriteError(doing: "\(doing) in \(String(cString: P_tmpdir)) (set TMPDIR to use another folder)",
                                         message: systemMessage(errno))
            }
            return file
        }
        var template = Array((folder + "/rebalancer-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw WorkbookWriteError(doing: "\(doing) in \(folder) (TMPDIR)", message: systemMessage(errno))
        }
        // Unlinked at once: the file lives while it is open, and nothing is left behind.
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        guard let file = fdopen(descriptor, "w+b") else {
            let error = errno
            close(descriptor)
            throw WorkbookWriteError(doing: "\(doing) in \(folder) (TMPDIR)", message: systemMessage(error))
        }
        return file
    }
}
