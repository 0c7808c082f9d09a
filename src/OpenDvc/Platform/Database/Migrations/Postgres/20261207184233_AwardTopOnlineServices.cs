using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDvc.Platform.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AwardTopOnlineServices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "TopOnlineServices",
                table: "award_campaigns",
                type: "integer",
                nullable: false,
                defaultValue: 10); // existing campaigns get the default reading (top 10)
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TopOnlineServices",
                table: "award_campaigns");
        }
    }
}
