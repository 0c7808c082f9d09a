using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDvc.Platform.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LettersRecurringDeliverables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SeriesId",
                table: "deliverables",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "deliverable_series",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DirectiveId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Instructions = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Frequency = table.Column<int>(type: "INTEGER", nullable: false),
                    DueDay = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstPeriod = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LastPeriod = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Scope = table.Column<int>(type: "INTEGER", nullable: false),
                    ScopeUnits = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deliverable_series", x => x.Id);
                    table.ForeignKey(
                        name: "FK_deliverable_series_directives_DirectiveId",
                        column: x => x.DirectiveId,
                        principalTable: "directives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_deliverables_SeriesId_ReportMonth",
                table: "deliverables",
                columns: new[] { "SeriesId", "ReportMonth" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_deliverable_series_DirectiveId",
                table: "deliverable_series",
                column: "DirectiveId");

            migrationBuilder.AddForeignKey(
                name: "FK_deliverables_deliverable_series_SeriesId",
                table: "deliverables",
                column: "SeriesId",
                principalTable: "deliverable_series",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_deliverables_deliverable_series_SeriesId",
                table: "deliverables");

            migrationBuilder.DropTable(
                name: "deliverable_series");

            migrationBuilder.DropIndex(
                name: "IX_deliverables_SeriesId_ReportMonth",
                table: "deliverables");

            migrationBuilder.DropColumn(
                name: "SeriesId",
                table: "deliverables");
        }
    }
}
