import Dispatch
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
            // The audit JSON is written on a second thread while this one writes the workbook.
            let auditPath = audit.path
            let outcome = BackgroundOutcome()
            let group = DispatchGroup()
            DispatchQueue.global().async(group: group) {
                do {
                    try AuditJSON.write(plan, run: run, to: auditPath)
                } catch {
                    outcome.error = error
                }
            }
            var workbookError: (any Error)?
            do {
                try PlanWorkbookWriter.write(plan, run: run, to: workbook.path)
            } catch {
                workbookError = error
            }
            group.wait()
            if let workbookError { throw workbookError }
            if let error = outcome.error { throw error }
            try workbook.commit()
            made[0] = workbook
            try audit.commit()
        } catch {
            made.forEach { $0.discard() }
            throw error
        }
    }
}

/// What the audit JSON's thread left: set on that thread, read after it has been waited for.
private final class BackgroundOutcome: @unchecked Sendable {
    var error: (any Error)?
}
