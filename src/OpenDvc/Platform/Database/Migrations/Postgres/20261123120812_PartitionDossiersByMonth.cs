using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDvc.Platform.Database.Migrations.Postgres
{
    /// <summary>
    /// PostgreSQL only (docs/decisions/005-partition-dossiers-by-received-month.md): <c>dossiers</c> becomes a table
    /// partitioned by RANGE of <c>received_month</c>, one partition per month (made on demand by
    /// <c>ledger_ensure_dossier_partition</c>, which the writer calls) and a default partition for dossiers with no
    /// period. A partitioned table's unique keys must hold the partition key, so the primary key becomes
    /// (code, received_month, unit_code) and <c>dossier_keys</c> keeps each MaHoSo unique nationally, with the month
    /// (and unit) where its row lives. Existing rows are moved. The EF model keeps <c>code</c> as the entity key.
    /// Both providers: the MaHoSoGoc index becomes partial (only inter-agency copies carry one).
    /// </summary>
    public partial class PartitionDossiersByMonth : Migration
    {
        private const string EnsurePartition = """
            CREATE OR REPLACE FUNCTION ledger_ensure_dossier_partition(month integer) RETURNS void
            LANGUAGE plpgsql AS $$
            DECLARE
                partition text := 'dossiers_' || month;
            BEGIN
                -- Month 0 (no period) stays in dossiers_default; yyyyMM ranges [m, next month).
                IF month <= 0 OR to_regclass(partition) IS NOT NULL THEN
                    RETURN;
                END IF;
                EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF dossiers FOR VALUES FROM (%s) TO (%s)',
                    partition, month, CASE WHEN month % 100 >= 12 THEN (month / 100 + 1) * 100 + 1 ELSE month + 1 END);
            END
            $$;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            if (!migrationBuilder.IsNpgsql())
            {
                return;
            }

            migrationBuilder.Sql("""
                DROP INDEX ix_dossiers_unit_month;
                DROP INDEX ix_dossiers_original_code;
                ALTER TABLE dossiers RENAME CONSTRAINT "PK_dossiers" TO "PK_dossiers_unpartitioned";
                ALTER TABLE dossiers RENAME TO dossiers_unpartitioned;
                CREATE TABLE dossiers (LIKE dossiers_unpartitioned INCLUDING DEFAULTS) PARTITION BY RANGE (received_month);
                CREATE TABLE dossiers_default PARTITION OF dossiers DEFAULT;
                """);
            migrationBuilder.Sql(EnsurePartition);
            migrationBuilder.Sql("""
                SELECT ledger_ensure_dossier_partition(m) FROM (SELECT DISTINCT received_month AS m FROM dossiers_unpartitioned) AS months;
                INSERT INTO dossiers SELECT * FROM dossiers_unpartitioned;
                CREATE TABLE dossier_keys (
                    code character varying(64) NOT NULL CONSTRAINT "PK_dossier_keys" PRIMARY KEY,
                    unit_code character varying(16) NOT NULL,
                    received_month integer NOT NULL);
                INSERT INTO dossier_keys (code, unit_code, received_month) SELECT code, unit_code, received_month FROM dossiers_unpartitioned;
                DROP TABLE dossiers_unpartitioned;
                ALTER TABLE dossiers ADD CONSTRAINT "PK_dossiers" PRIMARY KEY (code, received_month, unit_code);
                CREATE INDEX ix_dossiers_unit_month ON dossiers (unit_code, received_month, code);
                CREATE INDEX ix_dossiers_original_code ON dossiers (original_code) WHERE original_code IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (!migrationBuilder.IsNpgsql())
            {
                return;
            }

            migrationBuilder.Sql("""
                CREATE TABLE dossiers_plain (LIKE dossiers INCLUDING DEFAULTS);
                INSERT INTO dossiers_plain SELECT * FROM dossiers;
                DROP TABLE dossiers;
                DROP TABLE dossier_keys;
                DROP FUNCTION ledger_ensure_dossier_partition(integer);
                ALTER TABLE dossiers_plain RENAME TO dossiers;
                ALTER TABLE dossiers ADD CONSTRAINT "PK_dossiers" PRIMARY KEY (code);
                CREATE INDEX ix_dossiers_unit_month ON dossiers (unit_code, received_month, code);
                CREATE INDEX ix_dossiers_original_code ON dossiers (original_code);
                """);
        }
    }
}
