import Foundation
import RebalanceEngine

/// The local price cache: a JSON file of one entry per symbol (price, as-of, source),
/// replaced whole through a temporary file and a rename, so a reader never sees half of it.
///
/// ```json
/// {"format": 1, "prices": {"VTI": {"asOf": "2026-11-20", "price": "260.12", "source": "API, quotes.example.com"}}}
/// ```
public struct PriceCache: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var price: Price
        public var asOf: CivilDate
        public var source: String

        public init(price: Price, asOf: CivilDate, source: String) {
            self.price = price
            self.asOf = asOf
            self.source = source
        }
    }

    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case unwritable(path: String, reason: String)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason): return "the price cache \(path) could not be read: \(reason)"
            case .unwritable(let path, let reason): return "the price cache \(path) could not be written: \(reason)"
            }
        }
    }

    /// The largest file read as a cache.
    public static let largestFile: Int64 = 64 << 20

    public var path: String
    /// Keyed by symbol.
    public var entries: [String: Entry]
    /// Symbols whose entries the file holds but the tool cannot use (a price of zero or
    /// below, no date): read as misses, said so in Tried, dropped when the cache is saved.
    public var unusable: Set<String> = []

    public init(path: String, entries: [String: Entry] = [:]) {
        self.path = path
        self.entries = entries
    }

    /// `$XDG_CACHE_HOME/rebalancer/prices.json`, else `~/.cache/rebalancer/prices.json`.
    public static func defaultPath(environment: [String: String]) -> String {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            return cache + "/rebalancer/prices.json"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.cache/rebalancer/prices.json"
    }

    /// Reads the cache; a missing file is an empty cache (`exists` false).
    public static func load(path: String) throws(Failure) -> (cache: PriceCache, exists: Bool) {
        guard FileManager.default.fileExists(atPath: path) else { return (PriceCache(path: path), false) }
        guard isRegularFile(path) else {
            throw .unreadable(path: path, reason: "it is not a regular file (a folder, a pipe or a device)")
        }
        // A cache of every listed US security is about 2 MB; a file far larger is not one,
        // and read whole it took gigabytes (a 700 MB file, 2.1 GB of memory).
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = (attributes?[.size] as? NSNumber)?.int64Value, size > PriceCache.largestFile {
            throw .unreadable(path: path, reason: "it is larger than \(PriceCache.largestFile >> 20) MiB, far more than a price "
                + "cache holds")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: "\(error.localizedDescription)")
        }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let prices = root["prices"] as? [String: Any] else {
            throw .unreadable(path: path, reason: "it is not a price cache (JSON with \"prices\")")
        }
        var entries: [String: Entry] = [:]
        var unusable: Set<String> = []
        for (symbol, value) in prices {
            // An entry the tool could not have written (a price of zero or below, edited by
            // hand) is no price: served, it planned with a BND of -$5.
            guard let fields = value as? [String: Any],
                  let priceText = fields["price"] as? String, let price = Price(decimal: priceText), price > Price(micros: 0),
                  let asOfText = fields["asOf"] as? String, let asOf = CivilDate(iso: asOfText) else {
                unusable.insert(symbol.uppercased())
                continue
            }
            entries[symbol.uppercased()] = Entry(price: price, asOf: asOf, source: fields["source"] as? String ?? "")
        }
        var cache = PriceCache(path: path, entries: entries)
        cache.unusable = unusable.subtracting(entries.keys)
        return (cache, true)
    }

    /// Writes the whole cache beside its path under a temporary name, then renames it over.
    ///
    /// Only a price cache is written over: a path that holds anything else (the workbook
    /// itself given as the cache by mistake, another program's file, a pipe or a link) is
    /// left as it is, and the run's quotes are not kept.
    public func save() throws(Failure) {
        var status = stat()
        if lstat(path, &status) == 0 {
            guard isRegularFile(path, followingLinks: false) else {
                throw .unwritable(path: path, reason: "it is not a regular file, so it is left as it is")
            }
            guard (try? PriceCache.load(path: path)) != nil else {
                throw .unwritable(path: path, reason: "it holds something other than a price cache, so it is not written over "
                    + "(delete it, or name another file, to have the cache kept there)")
            }
        }
        let folder = (path as NSString).deletingLastPathComponent
        var prices: [String: Any] = [:]
        for (symbol, entry) in entries {
            prices[symbol] = ["price": entry.price.description, "asOf": entry.asOf.description, "source": entry.source]
        }
        do {
            if !folder.isEmpty {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            let data = try JSONSerialization.data(withJSONObject: ["format": 1, "prices": prices],
                                                  options: [.sortedKeys, .prettyPrinted])
            let temporary = "\(path).\(getpid()).tmp"
            guard FileManager.default.createFile(atPath: temporary, contents: data) else {
                throw CocoaError(.fileWriteNoPermission)
            }
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw Failure.unwritable(path: path, reason: reason)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .unwritable(path: path, reason: error.localizedDescription)
        }
    }
}
