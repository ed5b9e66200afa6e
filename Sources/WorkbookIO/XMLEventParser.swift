internal import CLibXML2

/// Receives the events of one XML part from `XMLEventParser`.
///
/// Names are libxml2's NUL-terminated local names (namespace prefixes dropped, so `x:row`
/// and `row` read alike, as do transitional and Strict OOXML). A handler may throw; the
/// parse stops and the error is rethrown.
protocol XMLEventHandler: AnyObject {
    func startElement(_ name: XMLName, _ attributes: XMLAttributes) throws
    func endElement(_ name: XMLName) throws
    func characters(_ text: UnsafeBufferPointer<UInt8>) throws
}

/// An element's local name, valid only during the callback.
struct XMLName {
    let pointer: UnsafePointer<UInt8>

    /// Whether the name is exactly `literal`.
    @inline(__always)
    func `is`(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let bytes = literal.utf8Start
        for i in 0..<count where pointer[i] != bytes[i] { return false }
        return pointer[count] == 0
    }

    var string: String { String(cString: pointer) }
}

/// An element's attributes, valid only during the callback.
struct XMLAttributes {
    /// libxml2's array of five pointers per attribute: local name, prefix, URI, value, value end.
    let base: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
    let count: Int

    /// The raw value bytes of the attribute whose local name is `literal`.
    func bytes(_ literal: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        for i in 0..<count {
            guard let local = base[5 * i], XMLName(pointer: local).is(literal),
                  let start = base[5 * i + 3], let end = base[5 * i + 4] else { continue }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// The value of the attribute whose local name is `literal`, as a string.
    ///
    /// Without entity substitution (see `XMLEventParser`), libxml2 hands over an `&amp;` in
    /// an attribute value as `&#38;` (every other reference it decodes): that is turned back
    /// into the `&` it stands for, so a sheet named `Tom & Ellen Lots` is named so.
    func string(_ literal: StaticString) -> String? {
        guard let bytes = bytes(literal) else { return nil }
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        let reference = Array("&#38;".utf8)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "&"), index + reference.count <= bytes.count,
               bytes[index..<index + reference.count].elementsEqual(reference) {
                decoded.append(UInt8(ascii: "&"))
                index += reference.count
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }
}

/// libxml2 set up once per process: parser initialised, every external entity load refused.
private let libxmlSetUp: Void = {
    xmlInitParser()
    CLibXML2_installDenyAllEntityLoader()
}()

/// The parse state one set of C callbacks reaches through libxml2's user-data pointer.
private final class SAXContext {
    let handler: any XMLEventHandler
    var parser: xmlParserCtxtPtr?
    var failure: (any Error)?
    let part: String

    init(handler: any XMLEventHandler, part: String) {
        self.handler = handler
        self.part = part
    }

    @inline(__always)
    static func from(_ raw: UnsafeMutableRawPointer?) -> SAXContext {
        Unmanaged<SAXContext>.fromOpaque(raw!).takeUnretainedValue()
    }

    /// Runs a handler call; a thrown error stops the parser and is kept for the caller.
    @inline(__always)
    func run(_ body: () throws -> Void) {
        guard failure == nil else { return }
        do { try body() } catch {
            failure = error
            if let parser { xmlStopParser(parser) }
        }
    }
}

/// A streaming SAX2 parser over one part of a zip archive.
///
/// Safe by construction: no network (`XML_PARSE_NONET`), no entity substitution, no DTD
/// loading, libxml2's default size limits (never `XML_PARSE_HUGE`), a deny-all external
/// entity loader, and any DOCTYPE is refused as soon as it is seen.
enum XMLEventParser {
    /// Parses `part` of `archive`, handing every event to `handler`.
    static func parse(part: String, in archive: ZipArchive, handler: any XMLEventHandler) throws {
        _ = libxmlSetUp
        let context = SAXContext(handler: handler, part: part)
        let unmanaged = Unmanaged.passRetained(context)
        defer { unmanaged.release() }

        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { raw, local, _, _, _, _, count, _, attributes in
            let context = SAXContext.from(raw)
            context.run {
                try context.handler.startElement(
                    XMLName(pointer: local!),
                    XMLAttributes(base: attributes, count: Int(count)))
            }
        }
        sax.endElementNs = { raw, local, _, _ in
            let context = SAXContext.from(raw)
            context.run { try context.handler.endElement(XMLName(pointer: local!)) }
        }
        let characters: charactersSAXFunc = { raw, bytes, count in
            let context = SAXContext.from(raw)
            context.run {
                try context.handler.characters(UnsafeBufferPointer(start: bytes, count: Int(count)))
            }
        }
        sax.characters = characters
        sax.cdataBlock = characters
        sax.internalSubset = { raw, _, _, _ in
            let context = SAXContext.from(raw)
            context.run {
                throw WorkbookError(.malformedXML, at: context.part, "This part declares a DOCTYPE, which no workbook needs; it is refused for safety.")
            }
        }
        // Structured errors are read from the context after the parse; nothing goes to stderr.
        sax.serror = { _, _ in }
        // Nor do the errors libxml2 raises without a parser context (an encoding it cannot
        // convert: `encoding error : input conversion failed`, printed beside the tool's own
        // sentence; explore-BJ). The handler is the thread's own, as libxml2's globals are.
        xmlSetStructuredErrorFunc(nil) { _, _ in }

        guard let parser = xmlCreatePushParserCtxt(&sax, unmanaged.toOpaque(), nil, 0, part) else {
            throw WorkbookError(.malformedXML, at: part, "The XML parser could not be started.")
        }
        defer { xmlFreeParserCtxt(parser) }
        context.parser = parser
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue)
        _ = xmlCtxtUseOptions(parser, options)

        var status: Int32 = 0
        var tags = StartTagGuard()
        try archive.read(part) { chunk in
            guard let base = chunk.baseAddress else { return }
            guard tags.admits(UnsafeRawBufferPointer(chunk)) else {
                throw WorkbookError(.malformedXML, at: part, "An element of this part has more than "
                    + "\(StartTagGuard.mostAttributes) attributes, which no workbook writes; it is refused, as the "
                    + "XML parser's time would grow with the square of them.")
            }
            status = xmlParseChunk(parser, base.assumingMemoryBound(to: CChar.self), Int32(chunk.count), 0)
            if let failure = context.failure { throw failure }
            if status != 0 { throw malformed(part: part, parser: parser) }
        }
        status = xmlParseChunk(parser, nil, 0, 1)
        if let failure = context.failure { throw failure }
        if status != 0 || parser.pointee.wellFormed == 0 {
            throw malformed(part: part, parser: parser)
        }
    }

    private static func malformed(part: String, parser: xmlParserCtxtPtr) -> WorkbookError {
        var detail = "unknown error"
        if let message = CLibXML2_lastErrorMessage(parser) {
            detail = String(cString: message).trimmingTrailingWhitespace()
        }
        let line = CLibXML2_lastErrorLine(parser)
        return WorkbookError(.malformedXML, at: part, "This part is not well-formed XML (line \(line): \(detail)).")
    }
}

/// Counts the attributes of each tag in the bytes of a part as they stream past, so that a
/// tag with too many is refused before the XML parser sees it: libxml2 2.9 compares every
/// pair of a tag's attributes, and one `<c>` of 400,000 ran for minutes.
///
/// An `=` between a `<` and the next `>` counts as an attribute: quotes are not followed,
/// so an `=` inside a value counts too and a `>` inside one ends the tag early; either way
/// only a tag with hundreds of attributes reaches the limit. One pass over the bytes, the
/// state in locals: about 0.07 s of the firm book's 64 MB of XML.
struct StartTagGuard {
    /// Far above what any writer puts on one element (Excel: under twenty, the namespace
    /// declarations of a root element included).
    static let mostAttributes = 512
    private var inTag = false
    private var equals = 0

    /// Whether `bytes` (the next of the part) keep every tag within the limit.
    mutating func admits(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var inTag = self.inTag, equals = self.equals
        defer { (self.inTag, self.equals) = (inTag, equals) }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "<"):
                inTag = true
                equals = 0
            case UInt8(ascii: ">"):
                inTag = false
            case UInt8(ascii: "=") where inTag:
                equals += 1
                if equals > StartTagGuard.mostAttributes { return false }
            default:
                break
            }
        }
        return true
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var s = Substring(self)
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
