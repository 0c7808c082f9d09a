using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDvc.Platform.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Incent18IncentivePolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "incentive_policies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Percent = table.Column<int>(type: "INTEGER", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Since = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DocumentDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DocumentIssuer = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    IssuedBy = table.Column<int>(type: "INTEGER", nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incentive_policies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_incentive_policies_units_UnitCode",
                        column: x => x.UnitCode,
                        principalTable: "units",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_incentive_policies_Since_Until",
                table: "incentive_policies",
                columns: new[] { "Since", "Until" });

            migrationBuilder.CreateIndex(
                name: "IX_incentive_policies_UnitCode_Since",
                table: "incentive_policies",
                columns: new[] { "UnitCode", "Since" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incentive_policies");
        }
    }
}
