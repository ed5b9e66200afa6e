import Foundation
import Testing
import RebalanceEngine

@Suite("Money, rates, quantities and prices are exact")
struct MoneyTests {
    @Test("Decimal text reads half away from zero to the cent", arguments: [
        ("1234.5", Int64(123_450)), ("-0.05", -5), ("0.005", 1), ("-0.005", -1), ("0.0049", 0),
        ("1e3", 100_000), ("+3.10", 310), ("200.", 20_000), (".5", 50), ("2.675", 268),
        ("-2.675", -268), ("1.23456e2", 12_346), ("0", 0), ("-0", 0), ("92233720368547758.07", Int64.max),
    ])
    func readsDecimalText(text: String, cents: Int64) {
        #expect(Money(decimal: text)?.cents == cents)
    }

    @Test("Text that is not a plain decimal is refused", arguments: [
        "", "-", ".", "1.2.3", "1,234.50", "$5", "1e", "e5", "12a", " 1", "92233720368547758.08",
    ])
    func refusesOtherText(text: String) {
        #expect(Money(decimal: text) == nil)
    }

    @Test("A cell's double reads as the decimal the PM typed", arguments: [
        (1234.505, Int64(123_451)), (0.1 + 0.2, 30), (-2.675, -268), (1e-05, 0), (0.015, 2),
        (1_000_000.125, 100_000_013), (-0.004999, 0),
        // A formula's result a hair below a half cent reads as the 15 digits Excel shows:
        // =101*39.605 is saved as 4000.1049999999996, shown as $4,000.11.
        (101 * 39.605, 400_011), (3 * 3.695, 1_109), (-(101 * 39.605), -400_011),
        (4000.1049999999, 400_010), (0.9999999999999999, 100), (1.0049999999999997, 101),
        (1.2345678901234567e16, 1_234_567_890_123_460_000),
    ] as [(Double, Int64)])
    func readsDoubles(value: Double, cents: Int64) {
        #expect(Money(roundingDollars: value)?.cents == cents)
    }

    @Test("Non-finite doubles are refused")
    func refusesNonFinite() {
        #expect(Money(roundingDollars: .nan) == nil)
        #expect(Money(roundingDollars: .infinity) == nil)
        #expect(Money(roundingDollars: 1e300) == nil)
    }

    @Test("Money renders as decimal text and as prose", arguments: [
        (Int64(123_450), "1234.50", "$1,234.50"), (-5, "-0.05", "-$0.05"), (0, "0.00", "$0.00"),
        (100_000_000, "1000000.00", "$1,000,000.00"), (-123_456_789, "-1234567.89", "-$1,234,567.89"),
        (99_999, "999.99", "$999.99"),
    ])
    func renders(cents: Int64, text: String, prose: String) {
        #expect(Money(cents: cents).description == text)
        #expect(Money(cents: cents).formatted == prose)
    }

    @Test("Money × rate rounds once, half away from zero", arguments: [
        ("100.00", 408_000, "40.80"), ("0.01", 500_000, "0.01"), ("-0.01", 500_000, "-0.01"),
        ("1234.56", 238_000, "293.83"), ("0.03", 166_667, "0.01"), ("999999999.99", 999_999, "999998999.99"),
    ] as [(String, Int64, String)])
    func multipliesByRate(amount: String, millionths: Int64, expected: String) {
        #expect(usd(amount).multiplied(by: Rate(millionths: millionths)) == usd(expected))
    }

    @Test("A prorated basis rounds half up and the remainder keeps the rest", arguments: [
        ("1000.00", Int64(1), Int64(3), "333.33"), ("1000.00", 2, 3, "666.67"),
        ("0.05", 1, 2, "0.03"), ("-0.05", 1, 2, "-0.03"), ("1234.57", 7, 7, "1234.57"),
    ])
    func scales(amount: String, numerator: Int64, denominator: Int64, expected: String) {
        #expect(usd(amount).scaled(by: numerator, over: denominator) == usd(expected))
    }

    @Test("Products too wide for 64 bits stay exact")
    func wideProducts() {
        // 90 trillion dollars × 1/3, which overflows Int64 as cents × millionths.
        let large = Money(cents: 9_000_000_000_000_000)
        #expect(large.scaled(by: 1, over: 3).cents == 3_000_000_000_000_000)
        #expect(large.multiplied(by: Rate(millionths: 333_333)).cents == 2_999_997_000_000_000)
        #expect(large.scaled(by: 999_999_999_999, over: 1_000_000_000_000).cents == 8_999_999_999_991_000)
    }

    @Test("Rates read and render as fractions", arguments: [
        ("0.408", Int64(408_000), "0.408"), ("0.238", 238_000, "0.238"), ("1", 1_000_000, "1"),
        ("0.0000005", 1, "0.000001"), ("0.12345649", 123_456, "0.123456"),
    ])
    func rates(text: String, millionths: Int64, rendered: String) {
        #expect(Rate(decimal: text)?.millionths == millionths)
        #expect(Rate(millionths: millionths).description == rendered)
    }

    @Test("The default rates are the contract's 0.408 and 0.238")
    func defaultRates() {
        #expect(TaxRates.workbookDefault.shortTerm == Rate(roundingFraction: 0.408))
        #expect(TaxRates.workbookDefault.longTerm == Rate(roundingFraction: 0.238))
        #expect(TaxRates.workbookDefault.rate(for: .longTerm).millionths == 238_000)
    }

    @Test("Quantities keep six decimals and render without trailing zeros", arguments: [
        ("12.5", Int64(12_500_000), "12.5"), ("100", 100_000_000, "100"), ("0.0001", 100, "0.0001"),
        ("1.0000005", 1_000_001, "1.000001"), ("-3.25", -3_250_000, "-3.25"),
    ])
    func quantities(text: String, micros: Int64, rendered: String) {
        #expect(Quantity(decimal: text)?.micros == micros)
        #expect(Quantity(micros: micros).description == rendered)
    }

    @Test("Budget cuts round quantities down to the step", arguments: [
        ("10.56789", "1", "10"), ("10.56789", "0.0001", "10.5678"), ("0.99", "1", "0"),
        ("7", "1", "7"), ("-0.5", "1", "-1"),
    ])
    func roundsDown(quantity: String, step: String, expected: String) {
        let value = Quantity(decimal: quantity)!, unit = Quantity(decimal: step)!
        #expect(value.roundedDown(toMultipleOf: unit) == Quantity(decimal: expected)!)
        #expect(Quantity(decimal: expected)!.isMultiple(of: unit))
    }

    @Test("A lot's proceeds are quantity × price rounded to the cent", arguments: [
        ("187.25", "100", "18725.00"), ("0.333333", "3", "1.00"), ("10.005", "1", "10.01"),
        ("10.004999", "1", "10.00"), ("123.456789", "0.0001", "0.01"), ("2500.123456", "1000000", "2500123456.00"),
    ])
    func proceeds(priceText: String, quantity: String, expected: String) {
        #expect(price(priceText).value(of: Quantity(decimal: quantity)!) == usd(expected))
    }

    @Test("Prices render with at least two decimals", arguments: [
        ("187.25", "187.25"), ("100", "100.00"), ("0.123456", "0.123456"), ("12.5", "12.50"),
    ])
    func pricesRender(text: String, rendered: String) {
        #expect(price(text).description == rendered)
    }

    @Test("Money, quantities, prices and dates travel through JSON as text")
    func codable() throws {
        struct Row: Codable, Equatable {
            var amount: Money
            var quantity: Quantity
            var price: Price
            var date: CivilDate
        }
        let row = Row(amount: usd("-1234.50"), quantity: Quantity(decimal: "12.5")!,
                      price: price("187.25"), date: date("2026-03-15"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try encoder.encode(row)
        #expect(String(decoding: json, as: UTF8.self)
            == #"{"amount":"-1234.50","date":"2026-03-15","price":"187.25","quantity":"12.5"}"#)
        #expect(try JSONDecoder().decode(Row.self, from: json) == row)
    }
}
