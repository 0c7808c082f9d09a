using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDvc.Platform.Database.Migrations.Sqlite
{
    /// <summary>PostgreSQL partitions its dossiers by received month; SQLite keeps one table, so nothing changes here.</summary>
    public partial class PartitionDossiersByMonth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
