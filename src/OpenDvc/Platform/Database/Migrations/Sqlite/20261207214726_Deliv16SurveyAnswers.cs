using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDvc.Platform.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Deliv16SurveyAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DeliverableId",
                table: "surveys");

            migrationBuilder.AddColumn<int>(
                name: "SurveyId",
                table: "deliverables",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SurveyId",
                table: "deliverables");

            migrationBuilder.AddColumn<int>(
                name: "DeliverableId",
                table: "surveys",
                type: "INTEGER",
                nullable: true);
        }
    }
}
