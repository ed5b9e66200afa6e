import Foundation

/// Where the quote API's key comes from: never the workbook, never any output.
///
/// First the `REBALANCER_PRICE_API_KEY` environment variable, then a `price-api-key = …`
/// line of the config file (`$XDG_CONFIG_HOME/rebalancer/config`, else
/// `~/.config/rebalancer/config`; `#` starts a comment).
public enum APIKey {
    public static let environmentVariable = "REBALANCER_PRICE_API_KEY"

    public static func configPath(environment: [String: String]) -> String {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return config + "/rebalancer/config"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.config/rebalancer/config"
    }

    /// The key, or nil when neither place has one.
    public static func find(environment: [String: String]) -> String? {
        if let key = environment[environmentVariable]?.trimmingCharacters(in: .whitespaces), !key.isEmpty {
            return key
        }
        guard let text = try? String(contentsOfFile: configPath(environment: environment), encoding: .utf8) else {
            return nil
        }
        for line in text.split(whereSeparator: \.isNewline) {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let parts = content.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = parts[0].trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "-")
            guard name == "price-api-key" else { continue }
            var value = parts[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.first == "\"", value.last == "\"" { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty ? nil : value
        }
        return nil
    }
}
