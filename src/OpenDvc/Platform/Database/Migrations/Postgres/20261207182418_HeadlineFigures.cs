using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDvc.Platform.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HeadlineFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "declared_statistics",
                columns: table => new
                {
                    month = table.Column<int>(type: "integer", nullable: false),
                    metric = table.Column<short>(type: "smallint", nullable: false),
                    value = table.Column<long>(type: "bigint", nullable: false),
                    source = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    source_date = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_declared_statistics", x => new { x.month, x.metric });
                });

            migrationBuilder.CreateTable(
                name: "ledger_watermark",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    committed_at_ms = table.Column<long>(type: "bigint", nullable: false),
                    records = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_watermark", x => x.id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "declared_statistics");

            migrationBuilder.DropTable(
                name: "ledger_watermark");
        }
    }
}
