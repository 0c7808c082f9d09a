using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDvc.Platform.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RollupsCoarseLevels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dossier_unit_rollups",
                columns: table => new
                {
                    unit_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    channel = table.Column<short>(type: "smallint", nullable: false),
                    applicant_type = table.Column<short>(type: "smallint", nullable: false),
                    pending_due_date = table.Column<int>(type: "integer", nullable: false),
                    dossiers = table.Column<long>(type: "bigint", nullable: false),
                    received = table.Column<long>(type: "bigint", nullable: false),
                    finished_early = table.Column<long>(type: "bigint", nullable: false),
                    finished_on_time = table.Column<long>(type: "bigint", nullable: false),
                    finished_late = table.Column<long>(type: "bigint", nullable: false),
                    pending = table.Column<long>(type: "bigint", nullable: false),
                    withdrawn = table.Column<long>(type: "bigint", nullable: false),
                    refused = table.Column<long>(type: "bigint", nullable: false),
                    stopped = table.Column<long>(type: "bigint", nullable: false),
                    supplemented = table.Column<long>(type: "bigint", nullable: false),
                    fee_bearing = table.Column<long>(type: "bigint", nullable: false),
                    fee_amount = table.Column<long>(type: "bigint", nullable: false),
                    paid_online = table.Column<long>(type: "bigint", nullable: false),
                    paid_online_amount = table.Column<long>(type: "bigint", nullable: false),
                    digitised = table.Column<long>(type: "bigint", nullable: false),
                    digitised_complete = table.Column<long>(type: "bigint", nullable: false),
                    reused = table.Column<long>(type: "bigint", nullable: false),
                    data_store = table.Column<long>(type: "bigint", nullable: false),
                    vneid = table.Column<long>(type: "bigint", nullable: false),
                    population_data = table.Column<long>(type: "bigint", nullable: false),
                    paper_result = table.Column<long>(type: "bigint", nullable: false),
                    electronic_result = table.Column<long>(type: "bigint", nullable: false),
                    paper_result_with_electronic_result = table.Column<long>(type: "bigint", nullable: false),
                    rated_very_satisfied = table.Column<long>(type: "bigint", nullable: false),
                    rated_satisfied = table.Column<long>(type: "bigint", nullable: false),
                    rated_not_satisfied = table.Column<long>(type: "bigint", nullable: false),
                    processing_minutes = table.Column<long>(type: "bigint", nullable: false),
                    processing_count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossier_unit_rollups", x => new { x.unit_code, x.month, x.channel, x.applicant_type, x.pending_due_date });
                });

            migrationBuilder.CreateTable(
                name: "service_months",
                columns: table => new
                {
                    unit_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    procedure_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    applicant_type = table.Column<short>(type: "smallint", nullable: false),
                    dossiers = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_months", x => new { x.unit_code, x.procedure_code, x.month, x.applicant_type });
                });

            migrationBuilder.CreateIndex(
                name: "ix_dossier_unit_rollups_month_unit",
                table: "dossier_unit_rollups",
                columns: new[] { "month", "unit_code" });

            migrationBuilder.CreateIndex(
                name: "ix_service_months_month_unit",
                table: "service_months",
                columns: new[] { "month", "unit_code" });

            // An upgraded database's coarse levels, summed from its fine rollups.
            migrationBuilder.Sql(RollupsBackfill.UnitRollups);
            migrationBuilder.Sql(RollupsBackfill.ServiceMonths);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dossier_unit_rollups");

            migrationBuilder.DropTable(
                name: "service_months");
        }
    }
}
