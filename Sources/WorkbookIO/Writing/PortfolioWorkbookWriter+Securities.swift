import RebalanceEngine

extension InputSheetWriter {
    /// Securities: one row per symbol; Replacements comma-separated in order of preference.
    func writeSecurities() throws {
        let columns = ["Symbol", "Name", "Sector", "Identical Group", "Exposure Group", "Replacement",
                       "Restriction", "Phase Out"]
        try writeTable("Securities", columns: columns, rows: portfolio.securities,
                       count: portfolio.securities.count) { security in
            [
                .text(security.symbol), .optionalText(security.name), .optionalText(security.sector),
                .optionalText(security.identicalGroup), .optionalText(security.exposureGroup),
                .optionalText(security.replacements.joined(separator: ", ")),
                .optionalText(security.restriction?.rawValue), .text(security.phaseOut.yesNo),
            ]
        }
    }

    /// Groups: each exposure group's Max Weight.
    func writeGroups() throws {
        try writeTable("Groups", columns: ["Exposure Group", "Max Weight"], rows: portfolio.groups,
                       count: portfolio.groups.count) { group in
            [.text(group.group), .rate(group.maxWeight)]
        }
    }

    /// Sectors: each sector's absolute Band.
    func writeSectors() throws {
        try writeTable("Sectors", columns: ["Sector", "Band"], rows: portfolio.sectors,
                       count: portfolio.sectors.count) { sector in
            [.text(sector.sector), .rate(sector.band)]
        }
    }
}
