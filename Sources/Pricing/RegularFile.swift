import Foundation

/// Whether `path` names a regular file: not a folder, a pipe or a device, which would be no
/// cache or CA bundle, and a pipe would hold the run up for as long as nothing writes to it.
/// `followingLinks` false judges a symbolic link itself (not a regular file).
public func isRegularFile(_ path: String, followingLinks: Bool = true) -> Bool {
    var status = stat()
    let found = followingLinks ? stat(path, &status) : lstat(path, &status)
    return found == 0 && (status.st_mode & S_IFMT) == S_IFREG
}
