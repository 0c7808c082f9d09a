using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDvc.Platform.Database.Migrations.Sqlite
{
    /// <summary>
    /// PostgreSQL partitions its dossiers by received month; SQLite keeps one table. Both providers: the MaHoSoGoc
    /// index becomes partial (only inter-agency copies, about 2 % of dossiers, carry one).
    /// </summary>
    public partial class PartitionDossiersByMonth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_dossiers_original_code",
                table: "dossiers");

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_original_code",
                table: "dossiers",
                column: "original_code",
                filter: "original_code IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_dossiers_original_code",
                table: "dossiers");

            migrationBuilder.CreateIndex(
                name: "ix_dossiers_original_code",
                table: "dossiers",
                column: "original_code");
        }
    }
}
