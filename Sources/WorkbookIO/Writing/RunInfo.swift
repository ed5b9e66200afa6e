import Glibc

/// What the output says about the run beyond the plan: which input it read.
public struct RunInfo: Sendable, Hashable {
    /// The input workbook's file name, without its folder.
    public var inputFileName: String
    /// The SHA-256 of the input file's bytes, 64 lowercase hex digits.
    public var inputSHA256: String

    public init(inputFileName: String, inputSHA256: String) {
        self.inputFileName = inputFileName
        self.inputSHA256 = inputSHA256
    }

    /// The run info of an input file: its name and the SHA-256 of its bytes.
    public init(inputPath: String) throws {
        self.init(inputFileName: OutputFiles.fileName(of: inputPath),
                  inputSHA256: try SHA256.hexDigest(ofFileAt: inputPath))
    }
}

/// What identifies an input file's contents without reading them: its device and inode,
/// size and modification and change times. Equal before a run and after it, the bytes read
/// are the bytes hashed; a PM saving the workbook in Excel during a long run changes them.
public struct InputFileState: Sendable, Equatable {
    let device: UInt64, inode: UInt64, size: Int64
    let modifiedSeconds: Int, modifiedNanoseconds: Int, changedSeconds: Int, changedNanoseconds: Int
    /// Whether the path is a regular file: a named pipe's bytes are not hashed, since opening
    /// one waits for a writer for ever (the reader then refuses it as no workbook).
    public let isRegularFile: Bool

    public init(path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw WorkbookWriteError(doing: "reading \(path)", message: systemMessage(errno))
        }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modifiedSeconds = Int(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
        changedSeconds = Int(info.st_ctim.tv_sec)
        changedNanoseconds = Int(info.st_ctim.tv_nsec)
        isRegularFile = (info.st_mode & S_IFMT) == S_IFREG
    }
}
