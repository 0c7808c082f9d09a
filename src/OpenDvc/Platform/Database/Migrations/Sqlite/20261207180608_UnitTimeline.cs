using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDvc.Platform.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UnitTimeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "unit_successions",
                columns: table => new
                {
                    PredecessorCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SuccessorCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_unit_successions", x => new { x.PredecessorCode, x.SuccessorCode });
                    table.ForeignKey(
                        name: "FK_unit_successions_units_PredecessorCode",
                        column: x => x.PredecessorCode,
                        principalTable: "units",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_unit_successions_units_SuccessorCode",
                        column: x => x.SuccessorCode,
                        principalTable: "units",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "unit_versions",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ShortName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    FocalPointAgency = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_unit_versions", x => new { x.Code, x.ValidFrom });
                    table.ForeignKey(
                        name: "FK_unit_versions_units_Code",
                        column: x => x.Code,
                        principalTable: "units",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_unit_successions_SuccessorCode",
                table: "unit_successions",
                column: "SuccessorCode");

            migrationBuilder.CreateIndex(
                name: "IX_unit_versions_ValidFrom_ValidTo",
                table: "unit_versions",
                columns: new[] { "ValidFrom", "ValidTo" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "unit_successions");

            migrationBuilder.DropTable(
                name: "unit_versions");
        }
    }
}
