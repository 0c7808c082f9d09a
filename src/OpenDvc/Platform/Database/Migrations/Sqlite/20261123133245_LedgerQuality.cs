using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDvc.Platform.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LedgerQuality : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ledger_quality",
                columns: table => new
                {
                    unit_code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    day = table.Column<int>(type: "INTEGER", nullable: false),
                    read = table.Column<long>(type: "INTEGER", nullable: false),
                    accepted = table.Column<long>(type: "INTEGER", nullable: false),
                    unchanged = table.Column<long>(type: "INTEGER", nullable: false),
                    stale = table.Column<long>(type: "INTEGER", nullable: false),
                    quarantined = table.Column<long>(type: "INTEGER", nullable: false),
                    missing_dates = table.Column<long>(type: "INTEGER", nullable: false),
                    impossible_dates = table.Column<long>(type: "INTEGER", nullable: false),
                    absurd_durations = table.Column<long>(type: "INTEGER", nullable: false),
                    lag_count = table.Column<long>(type: "INTEGER", nullable: false),
                    lag_seconds = table.Column<long>(type: "INTEGER", nullable: false),
                    lag_over_1h = table.Column<long>(type: "INTEGER", nullable: false),
                    lag_over_1d = table.Column<long>(type: "INTEGER", nullable: false),
                    lag_over_7d = table.Column<long>(type: "INTEGER", nullable: false),
                    lag_over_30d = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_quality", x => new { x.unit_code, x.day });
                });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_quality_day",
                table: "ledger_quality",
                column: "day");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger_quality");
        }
    }
}
