internal import CCurl
import Foundation

/// One libcurl easy handle, freed when its owner goes. Every call goes through `check`.
final class CurlHandle {
    private let handle: UnsafeMutableRawPointer
    /// CURLOPT_ERRORBUFFER: libcurl writes the last failure's detail here.
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var headers: UnsafeMutablePointer<curl_slist>?

    private static let globalInit: CURLcode = CCurl_globalInit()

    init() throws(TransferFailure) {
        try Self.check(Self.globalInit, "setting up libcurl", detail: "")
        guard let handle = curl_easy_init() else { throw .other("libcurl could not make a handle") }
        self.handle = handle
        errorBuffer = .allocate(capacity: CCurl_errorSize())
        errorBuffer.initialize(repeating: 0, count: CCurl_errorSize())
        try check(CCurl_setPointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), "setting the error buffer")
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headers)
        errorBuffer.deallocate()
    }

    func set(_ option: CURLoption, _ value: Int, _ doing: String) throws(TransferFailure) {
        try check(CCurl_setLong(handle, option, value), doing)
    }

    func set(_ option: CURLoption, _ value: String, _ doing: String) throws(TransferFailure) {
        try check(CCurl_setString(handle, option, value), doing)
    }

    func addHeader(_ line: String) throws(TransferFailure) {
        guard let list = curl_slist_append(headers, line) else { throw .other("libcurl could not add the header \(line)") }
        headers = list
        try check(CCurl_setList(handle, CURLOPT_HTTPHEADER, list), "setting the request headers")
    }

    /// Performs a GET, keeping at most `limit` bytes of the body; returns status, body and
    /// the seconds the answer's `Retry-After` asks to wait (a number of seconds or a date,
    /// read by libcurl; 0 without one). `target` names the server (and the proxy) in
    /// failures; `caBundle` the trusted CAs.
    func get(limit: Int, connectTimeout: Double, totalTimeout: Double, target: String,
             caBundle: String?) throws(TransferFailure)
        -> (status: Int, body: [UInt8], retryAfter: Int, url: String?) {
        let sink = BodySink(limit: limit)
        let context = Unmanaged.passRetained(sink)
        defer { context.release() }
        errorBuffer[0] = 0
        do {
            try check(CCurl_setPointer(handle, CURLOPT_WRITEDATA, context.toOpaque()), "setting the body sink")
            try check(CCurl_setWriteFunction(handle) { data, size, count, context in
                guard let data, let context else { return 0 }
                let sink = Unmanaged<BodySink>.fromOpaque(context).takeUnretainedValue()
                return sink.append(UnsafeRawBufferPointer(start: data, count: size * count)) ? size * count : 0
            }, "setting the body callback")
            let code = curl_easy_perform(handle)
            if code == CURLE_WRITE_ERROR && sink.overflowed { throw TransferFailure.tooLarge(bytes: limit) }
            if code == CURLE_OPERATION_TIMEDOUT {
                // No connection made (its time still zero) is the connect timeout's; libcurl's
                // words for it vary by version ("Failed to connect … Timeout was reached").
                var connected: curl_off_t = 0
                _ = CCurl_getOffT(handle, CURLINFO_CONNECT_TIME_T, &connected)
                let connecting = connected == 0
                    || String(cString: errorBuffer).lowercased().hasPrefix("connection timed out")
                throw TransferFailure.timedOut(seconds: connecting ? connectTimeout : totalTimeout)
            }
            if code == CURLE_SSL_CACERT_BADFILE { throw TransferFailure.caBundleUnreadable(caBundle ?? "the system CA bundle") }
            try check(code, target)
        }
        var status = 0
        try check(CCurl_getLong(handle, CURLINFO_RESPONSE_CODE, &status), "reading the response code")
        var retryAfter: curl_off_t = 0
        try check(CCurl_getOffT(handle, CURLINFO_RETRY_AFTER, &retryAfter), "reading Retry-After")
        // The URL that answered, after any redirects.
        var answered: UnsafePointer<CChar>?
        let url = CCurl_getString(handle, CURLINFO_EFFECTIVE_URL, &answered) == CURLE_OK ? answered.map { String(cString: $0) } : nil
        return (status, sink.bytes, max(0, Int(retryAfter)), url)
    }

    /// Turns a CURLcode into a failure that says what was being done, naming certificate
    /// problems and suggesting `--ca-bundle` for them.
    private func check(_ code: CURLcode, _ doing: String) throws(TransferFailure) {
        let detail = String(cString: errorBuffer)
        try Self.check(code, doing, detail: detail)
    }

    private static func check(_ code: CURLcode, _ doing: String, detail: String) throws(TransferFailure) {
        guard code != CURLE_OK else { return }
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        switch code {
        case CURLE_PEER_FAILED_VERIFICATION:
            throw .certificateNotTrusted(message.replacingOccurrences(of: "SSL certificate problem: ", with: ""))
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_CRL_BADFILE:
            throw .tls(message)
        case CURLE_COULDNT_CONNECT:
            throw .couldNotConnect(doing)
        case CURLE_COULDNT_RESOLVE_HOST:
            throw .couldNotResolve(doing)
        case CURLE_COULDNT_RESOLVE_PROXY:
            throw .couldNotResolve("the proxy (\(doing))")
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE:
            throw .other("connection lost while \(doing): \(message)")
        default:
            throw .other("\(doing): \(message)")
        }
    }
}

/// The body of an answer as it arrives, up to a limit.
private final class BodySink {
    let limit: Int
    var bytes: [UInt8] = []
    var overflowed = false

    init(limit: Int) { self.limit = limit }

    func append(_ chunk: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count + chunk.count <= limit else { overflowed = true; return false }
        bytes.append(contentsOf: chunk)
        return true
    }
}
