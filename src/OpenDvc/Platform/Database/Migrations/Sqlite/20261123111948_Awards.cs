using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDvc.Platform.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Awards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "award_campaigns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Letter = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FirstYear = table.Column<int>(type: "INTEGER", nullable: false),
                    LastYear = table.Column<int>(type: "INTEGER", nullable: false),
                    NominationDeadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AnnouncementDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CitizenQuota = table.Column<int>(type: "INTEGER", nullable: false),
                    BusinessQuota = table.Column<int>(type: "INTEGER", nullable: false),
                    SolutionQuota = table.Column<int>(type: "INTEGER", nullable: false),
                    MinSatisfaction = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false),
                    MinRatings = table.Column<int>(type: "INTEGER", nullable: false),
                    MinSavedHours = table.Column<int>(type: "INTEGER", nullable: false),
                    TripsPerDossier = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    HoursPerTrip = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    CostPerTrip = table.Column<long>(type: "INTEGER", nullable: false),
                    ValueOfHour = table.Column<long>(type: "INTEGER", nullable: false),
                    Rubric = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    ScaleMax = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewersPerNomination = table.Column<int>(type: "INTEGER", nullable: false),
                    DataWeight = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false),
                    NormaliseReviewers = table.Column<bool>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_award_campaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "award_campaign_extensions",
                columns: table => new
                {
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Until = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_award_campaign_extensions", x => new { x.CampaignId, x.UnitCode });
                    table.ForeignKey(
                        name: "FK_award_campaign_extensions_award_campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "award_campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_award_campaign_extensions_units_UnitCode",
                        column: x => x.UnitCode,
                        principalTable: "units",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "award_nominations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ProcedureCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Category = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Narrative = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", nullable: false),
                    Verdict = table.Column<string>(type: "TEXT", nullable: false),
                    DataScore = table.Column<decimal>(type: "TEXT", precision: 7, scale: 3, nullable: false),
                    Shortlisted = table.Column<bool>(type: "INTEGER", nullable: false),
                    Selected = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_award_nominations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_award_nominations_award_campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "award_campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_award_nominations_procedures_ProcedureCode",
                        column: x => x.ProcedureCode,
                        principalTable: "procedures",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_award_nominations_units_UnitCode",
                        column: x => x.UnitCode,
                        principalTable: "units",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "award_reviews",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NominationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewerUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Scores = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ScoredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_award_reviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_award_reviews_award_nominations_NominationId",
                        column: x => x.NominationId,
                        principalTable: "award_nominations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_award_campaign_extensions_UnitCode",
                table: "award_campaign_extensions",
                column: "UnitCode");

            migrationBuilder.CreateIndex(
                name: "IX_award_nominations_CampaignId_UnitCode_Category",
                table: "award_nominations",
                columns: new[] { "CampaignId", "UnitCode", "Category" });

            migrationBuilder.CreateIndex(
                name: "IX_award_nominations_ProcedureCode",
                table: "award_nominations",
                column: "ProcedureCode");

            migrationBuilder.CreateIndex(
                name: "IX_award_nominations_UnitCode",
                table: "award_nominations",
                column: "UnitCode");

            migrationBuilder.CreateIndex(
                name: "IX_award_reviews_NominationId_ReviewerUserName",
                table: "award_reviews",
                columns: new[] { "NominationId", "ReviewerUserName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_award_reviews_ReviewerUserName_NominationId",
                table: "award_reviews",
                columns: new[] { "ReviewerUserName", "NominationId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "award_campaign_extensions");

            migrationBuilder.DropTable(
                name: "award_reviews");

            migrationBuilder.DropTable(
                name: "award_nominations");

            migrationBuilder.DropTable(
                name: "award_campaigns");
        }
    }
}
