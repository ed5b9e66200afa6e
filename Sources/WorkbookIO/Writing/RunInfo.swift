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
