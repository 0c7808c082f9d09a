using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OpenDvc.Platform.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Directives : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "directive_files",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FileName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directive_files", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "directives",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Subject = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Signer = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Recipients = table.Column<int>(type: "integer", nullable: false),
                    Published = table.Column<bool>(type: "boolean", nullable: false),
                    LetterFileId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directives", x => x.Id);
                    table.ForeignKey(
                        name: "FK_directives_directive_files_LetterFileId",
                        column: x => x.LetterFileId,
                        principalTable: "directive_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "deliverables",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DirectiveId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Instructions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReportMonth = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deliverables", x => x.Id);
                    table.ForeignKey(
                        name: "FK_deliverables_directives_DirectiveId",
                        column: x => x.DirectiveId,
                        principalTable: "directives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "directive_recipients",
                columns: table => new
                {
                    DirectiveId = table.Column<int>(type: "integer", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directive_recipients", x => new { x.DirectiveId, x.UnitCode });
                    table.ForeignKey(
                        name: "FK_directive_recipients_directives_DirectiveId",
                        column: x => x.DirectiveId,
                        principalTable: "directives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_directive_recipients_units_UnitCode",
                        column: x => x.UnitCode,
                        principalTable: "units",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "deadline_extensions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DeliverableId = table.Column<int>(type: "integer", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    GrantedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    GrantedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deadline_extensions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_deadline_extensions_deliverables_DeliverableId",
                        column: x => x.DeliverableId,
                        principalTable: "deliverables",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_deadline_extensions_units_UnitCode",
                        column: x => x.UnitCode,
                        principalTable: "units",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reminder_log",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DeliverableId = table.Column<int>(type: "integer", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OffsetDays = table.Column<int>(type: "integer", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Subject = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Delivery = table.Column<int>(type: "integer", nullable: false),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reminder_log", x => x.Id);
                    table.ForeignKey(
                        name: "FK_reminder_log_deliverables_DeliverableId",
                        column: x => x.DeliverableId,
                        principalTable: "deliverables",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_reminder_log_units_UnitCode",
                        column: x => x.UnitCode,
                        principalTable: "units",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "submissions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DeliverableId = table.Column<int>(type: "integer", nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<string>(type: "text", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FileId = table.Column<int>(type: "integer", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ReviewComment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_submissions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_submissions_deliverables_DeliverableId",
                        column: x => x.DeliverableId,
                        principalTable: "deliverables",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_submissions_directive_files_FileId",
                        column: x => x.FileId,
                        principalTable: "directive_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_submissions_units_UnitCode",
                        column: x => x.UnitCode,
                        principalTable: "units",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "submission_versions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SubmissionId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Content = table.Column<string>(type: "text", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FileId = table.Column<int>(type: "integer", nullable: true),
                    Review = table.Column<int>(type: "integer", nullable: false),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReviewComment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_submission_versions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_submission_versions_directive_files_FileId",
                        column: x => x.FileId,
                        principalTable: "directive_files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_submission_versions_submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_deadline_extensions_DeliverableId_UnitCode",
                table: "deadline_extensions",
                columns: new[] { "DeliverableId", "UnitCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_deadline_extensions_UnitCode",
                table: "deadline_extensions",
                column: "UnitCode");

            migrationBuilder.CreateIndex(
                name: "IX_deliverables_DirectiveId_DueDate",
                table: "deliverables",
                columns: new[] { "DirectiveId", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_deliverables_DueDate",
                table: "deliverables",
                column: "DueDate");

            migrationBuilder.CreateIndex(
                name: "IX_directive_recipients_UnitCode",
                table: "directive_recipients",
                column: "UnitCode");

            migrationBuilder.CreateIndex(
                name: "IX_directives_LetterFileId",
                table: "directives",
                column: "LetterFileId");

            migrationBuilder.CreateIndex(
                name: "IX_directives_Number",
                table: "directives",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_directives_Published_Date",
                table: "directives",
                columns: new[] { "Published", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_reminder_log_DeliverableId_UnitCode_DueDate_OffsetDays",
                table: "reminder_log",
                columns: new[] { "DeliverableId", "UnitCode", "DueDate", "OffsetDays" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reminder_log_UnitCode_Id",
                table: "reminder_log",
                columns: new[] { "UnitCode", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_submission_versions_FileId",
                table: "submission_versions",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_submission_versions_SubmissionId_Number",
                table: "submission_versions",
                columns: new[] { "SubmissionId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_submissions_DeliverableId_UnitCode",
                table: "submissions",
                columns: new[] { "DeliverableId", "UnitCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_submissions_FileId",
                table: "submissions",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_submissions_UnitCode_DeliverableId",
                table: "submissions",
                columns: new[] { "UnitCode", "DeliverableId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deadline_extensions");

            migrationBuilder.DropTable(
                name: "directive_recipients");

            migrationBuilder.DropTable(
                name: "reminder_log");

            migrationBuilder.DropTable(
                name: "submission_versions");

            migrationBuilder.DropTable(
                name: "submissions");

            migrationBuilder.DropTable(
                name: "deliverables");

            migrationBuilder.DropTable(
                name: "directives");

            migrationBuilder.DropTable(
                name: "directive_files");
        }
    }
}
