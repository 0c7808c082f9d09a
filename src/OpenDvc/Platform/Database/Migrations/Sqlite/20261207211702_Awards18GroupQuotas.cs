using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDvc.Platform.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    /// <summary>Issue 18: quotas per group on the campaign; existing campaigns get the defaults (5 ministries, 10 provinces).</summary>
    public partial class Awards18GroupQuotas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MinistryAwards",
                table: "award_campaigns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<int>(
                name: "ProvinceAwards",
                table: "award_campaigns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 10);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MinistryAwards",
                table: "award_campaigns");

            migrationBuilder.DropColumn(
                name: "ProvinceAwards",
                table: "award_campaigns");
        }
    }
}
