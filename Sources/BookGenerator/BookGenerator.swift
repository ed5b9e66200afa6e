import Glibc
import PortfolioGenerator
import RebalanceEngine
import WorkbookIO

/// `BookGenerator --seed N --shape small|larger|dense|firm [--lots-per-account N] OUTPUT.xlsx`: writes the
/// generated portfolio of a seed as an input workbook, for benchmarks and end-to-end tests.
/// `--lots-per-account` gives every account exactly that many lots (the benchmark's
/// linearity check plans the firm book at 100 and at 200).
///
/// Exit status: 0 written; 2 usage; 4 the workbook could not be written.
@main
enum BookGenerator {
    static let usage = "usage: BookGenerator --seed N --shape small|larger|dense|firm [--lots-per-account N] OUTPUT.xlsx"

    static func main() {
        let request: Request
        switch Request.parse(Array(CommandLine.arguments.dropFirst())) {
        case .success(let parsed): request = parsed
        case .failure(let problem):
            printError("BookGenerator: \(problem.message)\n\(usage)")
            exit(2)
        }
        var shape = request.shape.shape
        if let lots = request.lotsPerAccount { shape.lotsPerAccount = lots...lots }
        let portfolio = PortfolioGenerator.generate(seed: request.seed, shape: shape)
        do {
            try PortfolioWorkbookWriter.write(portfolio, to: request.output)
        } catch {
            printError("BookGenerator: \(error)")
            exit(4)
        }
        print("\(request.output): seed \(request.seed), \(request.shape.rawValue) shape, "
              + "\(counted(portfolio.accounts.count, "account")), \(counted(portfolio.lots.count, "lot")), as of \(portfolio.settings.asOf)")
    }
}

/// `1 account`, `1,000 accounts`.
func counted(_ count: Int, _ noun: String) -> String {
    "\(count.withThousandsSeparators) \(noun)\(count == 1 ? "" : "s")"
}

/// Writes a line to standard error.
func printError(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    var written = 0
    while written < bytes.count {
        let count = bytes[written...].withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        guard count > 0 else { return }
        written += count
    }
}

/// The command line, understood.
struct Request {
    enum ShapeName: String {
        case small
        case larger
        case dense
        case firm

        var shape: Shape {
            switch self {
            case .small: .small
            case .larger: .larger
            case .dense: .dense
            case .firm: .firmScale
            }
        }
    }

    struct Problem: Error {
        var message: String
    }

    var seed: UInt64
    var shape: ShapeName
    /// Every account's number of lots, instead of the shape's range.
    var lotsPerAccount: Int?
    var output: String

    /// Reads `--seed N --shape small|larger|dense|firm [--lots-per-account N] OUTPUT.xlsx`, options in any
    /// order (`--seed=N` too).
    static func parse(_ arguments: [String]) -> Result<Request, Problem> {
        var seed: UInt64?
        var shape: ShapeName?
        var lotsPerAccount: Int?
        var output: String?
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            var name = argument
            var value: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                value = String(argument[argument.index(after: equals)...])
            }
            switch name {
            case "--seed", "--shape", "--lots-per-account":
                guard let given = value ?? rest.popFirst() else {
                    return .failure(Problem(message: "\(name) needs a value."))
                }
                if name == "--seed" {
                    guard let number = UInt64(given) else {
                        return .failure(Problem(message: "--seed must be a whole number from 0 to \(UInt64.max), found \"\(given)\"."))
                    }
                    seed = number
                } else if name == "--lots-per-account" {
                    guard let number = Int(given), (0...1_000_000).contains(number) else {
                        return .failure(Problem(message: "--lots-per-account must be a whole number from 0 to 1000000, found \"\(given)\"."))
                    }
                    lotsPerAccount = number
                } else {
                    guard let named = ShapeName(rawValue: given) else {
                        return .failure(Problem(message: "--shape must be small, larger, dense or firm, found \"\(given)\"."))
                    }
                    shape = named
                }
            default:
                if argument.hasPrefix("-") && argument != "-" {
                    return .failure(Problem(message: "unknown option \(argument)."))
                }
                guard output == nil else {
                    return .failure(Problem(message: "one output file only, found \"\(output!)\" and \"\(argument)\"."))
                }
                output = argument
            }
        }
        guard let seed else { return .failure(Problem(message: "--seed is required.")) }
        guard let shape else { return .failure(Problem(message: "--shape is required.")) }
        guard let output else { return .failure(Problem(message: "the output file is required.")) }
        return .success(Request(seed: seed, shape: shape, lotsPerAccount: lotsPerAccount, output: output))
    }
}
