import Glibc

/// A file written under a temporary name beside its final path, then renamed into place.
///
/// Until `commit()` the final path is untouched; `discard()` (or a failed commit) removes
/// the temporary file, so no half-written output is ever left.
struct TemporaryFile {
    let finalPath: String
    let path: String
    private(set) var isCommitted = false

    /// Creates an empty, uniquely named file in the final path's folder.
    init(finalPath: String) throws {
        self.finalPath = finalPath
        let folder = OutputFiles.directory(of: finalPath)
        // The temporary name is the final one with a dot before and `.XXXXXX` after, cut
        // short where that, with the second `.XXXXXX` of the file the workbook's spooled
        // sheets are written to beside it (SpooledSheets), would pass the 255 bytes a file
        // name may have: a final name of 250 bytes is allowed, and was refused.
        var name = Substring(OutputFiles.fileName(of: finalPath))
        while name.utf8.count > 255 - ".".utf8.count - 2 * ".XXXXXX".utf8.count { name = name.dropLast() }
        let made = try InterruptCleanup.makeListedFile(template: "\(folder).\(name).XXXXXX",
                                                       doing: "creating a file beside \(finalPath)")
        close(made.descriptor)
        path = made.path
    }

    /// Flushes the written file to disk and renames it to the final path.
    mutating func commit() throws {
        try sync()
        guard rename(path, finalPath) == 0 else {
            throw WorkbookWriteError(doing: "renaming \(path) to \(finalPath)", message: systemMessage(errno))
        }
        InterruptCleanup.unregister(path)
        isCommitted = true
    }

    /// Flushes the written file to disk.
    func sync() throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw WorkbookWriteError(doing: "reopening \(path)", message: systemMessage(errno))
        }
        let synced = fsync(descriptor)
        let syncError = errno
        close(descriptor)
        guard synced == 0 else {
            throw WorkbookWriteError(doing: "saving \(finalPath)", message: systemMessage(syncError))
        }
    }

    /// Gives the written file the name `name` unless something already has it: false then.
    /// A hard link fails rather than replace (a rename replaces whatever another run put
    /// there since the name was found free); a file system without hard links is renamed to,
    /// and that name checked just before.
    func link(as name: String) throws -> Bool {
        if Glibc.link(path, name) == 0 { return true }
        let linkError = errno
        if linkError == EEXIST { return false }
        guard [EPERM, ENOTSUP, EOPNOTSUPP, ENOSYS, EMLINK].contains(linkError) else {
            throw WorkbookWriteError(doing: "naming \(path) \(name)", message: systemMessage(linkError))
        }
        guard !OutputFiles.fileExists(name) else { return false }
        guard rename(path, name) == 0 else {
            throw WorkbookWriteError(doing: "renaming \(path) to \(name)", message: systemMessage(errno))
        }
        return true
    }

    /// Removes the file: the temporary one, or the final one if already committed.
    func discard() {
        unlink(isCommitted ? finalPath : path)
        InterruptCleanup.unregister(path)
    }
}
