import Foundation
import Testing
@testable import WorkbookIO

@Suite("SHA-256 of the input file")
struct SHA256Tests {
    @Test("FIPS 180-4 test vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func vectors(message: String, digest: String) {
        #expect(SHA256.hexDigest(of: Array(message.utf8)) == digest)
    }

    @Test("One million 'a', fed in uneven pieces")
    func millionA() {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hexDigest(of: bytes) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        var hash = SHA256()
        var offset = 0
        var piece = 1
        while offset < bytes.count {
            let end = min(bytes.count, offset + piece)
            hash.update(bytes[offset..<end])
            offset = end
            piece = piece * 7 % 997 + 1
        }
        #expect(hash.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("Messages at the padding edges (55, 56, 63, 64, 65 bytes) hash as in one piece or many", arguments: [55, 56, 63, 64, 65, 119, 120])
    func paddingEdges(length: Int) {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var pieces = SHA256()
        for byte in bytes { pieces.update([byte]) }
        #expect(pieces.hexDigest() == SHA256.hexDigest(of: bytes))
        #expect(SHA256.hexDigest(of: bytes).count == 64)
    }

    @Test("Known digests at the padding edges", arguments: [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
    ])
    func knownEdges(length: Int, digest: String) {
        #expect(SHA256.hexDigest(of: [UInt8](repeating: UInt8(ascii: "a"), count: length)) == digest)
    }

    @Test("A file's digest is its bytes' digest; a missing file throws")
    func file() throws {
        let folder = try PlanFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/input.xlsx"
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try SHA256.hexDigest(ofFileAt: path) == SHA256.hexDigest(of: bytes))
        #expect(try RunInfo(inputPath: path) == RunInfo(inputFileName: "input.xlsx", inputSHA256: SHA256.hexDigest(of: bytes)))
        #expect(throws: WorkbookWriteError.self) { try SHA256.hexDigest(ofFileAt: folder + "/missing.xlsx") }
    }
}
