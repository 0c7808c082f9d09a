using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDvc.Platform.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Plans18LetterTargets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "directive_targets",
                columns: table => new
                {
                    DirectiveId = table.Column<int>(type: "INTEGER", nullable: false),
                    Indicator = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetPercent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    ByDate = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directive_targets", x => new { x.DirectiveId, x.Indicator });
                    table.ForeignKey(
                        name: "FK_directive_targets_directives_DirectiveId",
                        column: x => x.DirectiveId,
                        principalTable: "directives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "directive_targets");
        }
    }
}
