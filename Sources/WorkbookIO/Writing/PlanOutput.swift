import Glibc
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
        try write(plan, run: run) { OutputFiles.beside(input: inputPath, asOf: plan.settings.asOf) }
    }

    /// Writes both files under the pair of names `choose` gives, asked again when another
    /// run took a name while these were written: the files take their names only where
    /// nothing is, so two runs at once never write over each other's output.
    public static func write(_ plan: Plan, run: RunInfo, choosing choose: () -> OutputFiles) throws -> OutputFiles {
        let first = choose()
        let workbook = try TemporaryFile(finalPath: first.workbook)
        var audit: TemporaryFile?
        do {
            audit = try TemporaryFile(finalPath: first.auditJSON)
            try writeBoth(plan, run: run, workbook: workbook.path, audit: audit!.path)
            try workbook.sync()
            try audit!.sync()
            for _ in 0..<1_000 {
                let files = choose()
                guard try workbook.link(as: files.workbook) else { continue }
                let named: Bool
                do {
                    named = try audit!.link(as: files.auditJSON)
                } catch {
                    unlink(files.workbook)
                    throw error
                }
                guard named else {
                    unlink(files.workbook)
                    continue
                }
                workbook.discard()
                audit!.discard()
                return files
            }
            throw WorkbookWriteError(doing: "naming the output beside \(first.workbook)",
                                     message: "every free name was taken by another run while this one wrote")
        } catch {
            workbook.discard()
            audit?.discard()
            throw error
        }
    }

    /// Writes the workbook, and the audit JSON on a second thread beside it.
    private static func writeBoth(_ plan: Plan, run: RunInfo, workbook: String, audit auditPath: String) throws {
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
            try PlanWorkbookWriter.write(plan, run: run, to: workbook)
        } catch {
            workbookError = error
        }
        group.wait()
        if let workbookError { throw workbookError }
        if let error = outcome.error { throw error }
    }

    /// Writes both files to the given paths, replacing nothing half-way.
    public static func write(_ plan: Plan, run: RunInfo, to files: OutputFiles) throws {
        var workbook = try TemporaryFile(finalPath: files.workbook)
        var made = [workbook]
        do {
            var audit = try TemporaryFile(finalPath: files.auditJSON)
            made.append(audit)
            try writeBoth(plan, run: run, workbook: workbook.path, audit: audit.path)
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
