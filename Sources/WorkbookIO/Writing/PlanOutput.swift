import RebalanceEngine

/// Writes a run's output workbook and audit JSON beside its input, both or neither.
public enum PlanOutput {
    /// Writes both files under the first free names beside `inputPath` and returns them.
    ///
    /// Each is written under a temporary name in the same folder and renamed when whole;
    /// on any error every file this call made is removed and the error is thrown.
    @discardableResult
    public static func write(_ plan: Plan, run: RunInfo, besideInput inputPath: String) throws -> OutputFiles {
        let files = OutputFiles.beside(input: inputPath, asOf: plan.settings.asOf)
        try write(plan, run: run, to: files)
        return files
    }

    /// Writes both files to the given paths, replacing nothing half-way.
    public static func write(_ plan: Plan, run: RunInfo, to files: OutputFiles) throws {
        var workbook = try TemporaryFile(finalPath: files.workbook)
        var made = [workbook]
        do {
            var audit = try TemporaryFile(finalPath: files.auditJSON)
            made.append(audit)
            try PlanWorkbookWriter.write(plan, run: run, to: workbook.path)
            try AuditJSON.write(plan, run: run, to: audit.path)
            try workbook.commit()
            made[0] = workbook
            try audit.commit()
        } catch {
            made.forEach { $0.discard() }
            throw error
        }
    }
}
