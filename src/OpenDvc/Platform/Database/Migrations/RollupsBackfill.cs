namespace OpenDvc.Platform.Database.Migrations;

/// <summary>
/// The back-fill of migration RollupsCoarseLevels (both sets): the coarse rollup levels summed from the fine rollups an
/// upgraded database already holds, so its figures are right without re-ingesting (docs/decisions/010-coarse-rollups.md).
/// Frozen text, not generated from today's counter list: a migration must do what it did when written, whatever
/// counters later migrations add. Standard SQL that SQLite and PostgreSQL both run.
/// </summary>
public static class RollupsBackfill
{
    public const string UnitRollups =
        "INSERT INTO dossier_unit_rollups (unit_code, month, channel, applicant_type, pending_due_date, dossiers, "
        + "received, finished_early, finished_on_time, finished_late, pending, withdrawn, refused, stopped, supplemented, "
        + "fee_bearing, fee_amount, paid_online, paid_online_amount, digitised, digitised_complete, reused, data_store, "
        + "vneid, population_data, paper_result, electronic_result, paper_result_with_electronic_result, "
        + "rated_very_satisfied, rated_satisfied, rated_not_satisfied, processing_minutes, processing_count) SELECT "
        + "unit_code, month, channel, applicant_type, pending_due_date, SUM(dossiers), SUM(received), "
        + "SUM(finished_early), SUM(finished_on_time), SUM(finished_late), SUM(pending), SUM(withdrawn), SUM(refused), "
        + "SUM(stopped), SUM(supplemented), SUM(fee_bearing), SUM(fee_amount), SUM(paid_online), SUM(paid_online_amount), "
        + "SUM(digitised), SUM(digitised_complete), SUM(reused), SUM(data_store), SUM(vneid), SUM(population_data), "
        + "SUM(paper_result), SUM(electronic_result), SUM(paper_result_with_electronic_result), "
        + "SUM(rated_very_satisfied), SUM(rated_satisfied), SUM(rated_not_satisfied), SUM(processing_minutes), "
        + "SUM(processing_count) FROM dossier_rollups GROUP BY unit_code, month, channel, applicant_type, "
        + "pending_due_date HAVING SUM(dossiers) <> 0 OR SUM(received) <> 0 OR SUM(finished_early) <> 0 OR "
        + "SUM(finished_on_time) <> 0 OR SUM(finished_late) <> 0 OR SUM(pending) <> 0 OR SUM(withdrawn) <> 0 OR "
        + "SUM(refused) <> 0 OR SUM(stopped) <> 0 OR SUM(supplemented) <> 0 OR SUM(fee_bearing) <> 0 OR SUM(fee_amount) "
        + "<> 0 OR SUM(paid_online) <> 0 OR SUM(paid_online_amount) <> 0 OR SUM(digitised) <> 0 OR "
        + "SUM(digitised_complete) <> 0 OR SUM(reused) <> 0 OR SUM(data_store) <> 0 OR SUM(vneid) <> 0 OR "
        + "SUM(population_data) <> 0 OR SUM(paper_result) <> 0 OR SUM(electronic_result) <> 0 OR "
        + "SUM(paper_result_with_electronic_result) <> 0 OR SUM(rated_very_satisfied) <> 0 OR SUM(rated_satisfied) <> 0 "
        + "OR SUM(rated_not_satisfied) <> 0 OR SUM(processing_minutes) <> 0 OR SUM(processing_count) <> 0;";

    public const string ServiceMonths =
        "INSERT INTO service_months (unit_code, procedure_code, month, applicant_type, dossiers) SELECT unit_code, "
        + "procedure_code, month, applicant_type, SUM(dossiers) FROM dossier_rollups GROUP BY unit_code, procedure_code, "
        + "month, applicant_type HAVING SUM(dossiers) <> 0;";
}
