using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDvc.Platform.Database.Migrations.Sqlite
{
    /// <summary>
    /// SQLite only: <c>dossiers</c> and <c>dossier_rollups</c> become <c>WITHOUT ROWID</c> tables, stored in the
    /// B-tree of their primary key. A rowid table with a text key keeps two B-trees (the rows by rowid, and the
    /// key's index pointing at them): every ingest insert wrote both and every look-up of a stored row read both
    /// (docs/benchmarks.md). EF Core does not model WITHOUT ROWID, so the tables are rebuilt here by hand, keeping
    /// their rows, columns, key names and indexes; the model is unchanged (this migration has no model diff).
    /// A later EF migration that rebuilds either table on SQLite would drop the clause: re-add it there
    /// (docs/ledger-storage.md).
    /// </summary>
    public partial class LedgerWithoutRowid : Migration
    {
        private const string DossierColumns =
            "code, unit_code, procedure_code, agency_code, original_code, received_month, channel, applicant_type, status, submitted_at, "
            + "received_at, due_at, finished_at, returned_at, refused_at, clock, due_date, supplement_count, supplement_minutes, fee, "
            + "paid_online, flags, rating, processing_minutes, updated_at, content_hash";

        private const string DossierTable = """
            "code" TEXT NOT NULL CONSTRAINT "PK_dossiers" PRIMARY KEY,
            "unit_code" TEXT NOT NULL,
            "procedure_code" TEXT NOT NULL,
            "agency_code" TEXT NULL,
            "original_code" TEXT NULL,
            "received_month" INTEGER NOT NULL,
            "channel" INTEGER NOT NULL,
            "applicant_type" INTEGER NOT NULL,
            "status" INTEGER NOT NULL,
            "submitted_at" INTEGER NULL,
            "received_at" INTEGER NULL,
            "due_at" INTEGER NULL,
            "finished_at" INTEGER NULL,
            "returned_at" INTEGER NULL,
            "refused_at" INTEGER NULL,
            "clock" INTEGER NOT NULL,
            "due_date" INTEGER NOT NULL,
            "supplement_count" INTEGER NOT NULL,
            "supplement_minutes" INTEGER NOT NULL,
            "fee" INTEGER NOT NULL,
            "paid_online" INTEGER NOT NULL,
            "flags" INTEGER NOT NULL,
            "rating" INTEGER NOT NULL,
            "processing_minutes" INTEGER NULL,
            "updated_at" INTEGER NULL,
            "content_hash" INTEGER NOT NULL
            """;

        private const string DossierIndexes = """
            CREATE INDEX "ix_dossiers_unit_month" ON "dossiers" ("unit_code", "received_month", "code");
            CREATE INDEX "ix_dossiers_original_code" ON "dossiers" ("original_code") WHERE original_code IS NOT NULL;
            """;

        private const string RollupColumns =
            "unit_code, procedure_code, month, channel, applicant_type, pending_due_date, dossiers, received, finished_early, "
            + "finished_on_time, finished_late, pending, withdrawn, refused, stopped, supplemented, fee_bearing, fee_amount, paid_online, "
            + "paid_online_amount, digitised, digitised_complete, reused, data_store, vneid, population_data, paper_result, "
            + "electronic_result, paper_result_with_electronic_result, rated_very_satisfied, rated_satisfied, rated_not_satisfied, "
            + "processing_minutes, processing_count";

        private const string RollupTable = """
            "unit_code" TEXT NOT NULL,
            "procedure_code" TEXT NOT NULL,
            "month" INTEGER NOT NULL,
            "channel" INTEGER NOT NULL,
            "applicant_type" INTEGER NOT NULL,
            "pending_due_date" INTEGER NOT NULL,
            "dossiers" INTEGER NOT NULL,
            "received" INTEGER NOT NULL,
            "finished_early" INTEGER NOT NULL,
            "finished_on_time" INTEGER NOT NULL,
            "finished_late" INTEGER NOT NULL,
            "pending" INTEGER NOT NULL,
            "withdrawn" INTEGER NOT NULL,
            "refused" INTEGER NOT NULL,
            "stopped" INTEGER NOT NULL,
            "supplemented" INTEGER NOT NULL,
            "fee_bearing" INTEGER NOT NULL,
            "fee_amount" INTEGER NOT NULL,
            "paid_online" INTEGER NOT NULL,
            "paid_online_amount" INTEGER NOT NULL,
            "digitised" INTEGER NOT NULL,
            "digitised_complete" INTEGER NOT NULL,
            "reused" INTEGER NOT NULL,
            "data_store" INTEGER NOT NULL,
            "vneid" INTEGER NOT NULL,
            "population_data" INTEGER NOT NULL,
            "paper_result" INTEGER NOT NULL,
            "electronic_result" INTEGER NOT NULL,
            "paper_result_with_electronic_result" INTEGER NOT NULL,
            "rated_very_satisfied" INTEGER NOT NULL,
            "rated_satisfied" INTEGER NOT NULL,
            "rated_not_satisfied" INTEGER NOT NULL,
            "processing_minutes" INTEGER NOT NULL,
            "processing_count" INTEGER NOT NULL,
            CONSTRAINT "PK_dossier_rollups" PRIMARY KEY ("unit_code", "procedure_code", "month", "channel", "applicant_type", "pending_due_date")
            """;

        private const string RollupIndexes = """
            CREATE INDEX "ix_dossier_rollups_month_unit" ON "dossier_rollups" ("month", "unit_code");
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            Rebuild(migrationBuilder, "dossiers", DossierTable, DossierColumns, DossierIndexes, " WITHOUT ROWID");
            Rebuild(migrationBuilder, "dossier_rollups", RollupTable, RollupColumns, RollupIndexes, " WITHOUT ROWID");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Rebuild(migrationBuilder, "dossiers", DossierTable, DossierColumns, DossierIndexes, "");
            Rebuild(migrationBuilder, "dossier_rollups", RollupTable, RollupColumns, RollupIndexes, "");
        }

        /// <summary>SQLite's documented way to change a table's definition: a new table, the rows copied, the old one dropped, the new one renamed, its indexes made again.</summary>
        private static void Rebuild(MigrationBuilder migrationBuilder, string table, string definition, string columns, string indexes, string options)
        {
            migrationBuilder.Sql($"CREATE TABLE \"ef_temp_{table}\" (\n{definition}\n){options};");
            migrationBuilder.Sql($"INSERT INTO \"ef_temp_{table}\" ({columns}) SELECT {columns} FROM \"{table}\";");
            migrationBuilder.Sql($"DROP TABLE \"{table}\";");
            migrationBuilder.Sql($"ALTER TABLE \"ef_temp_{table}\" RENAME TO \"{table}\";");
            migrationBuilder.Sql(indexes);
        }
    }
}
