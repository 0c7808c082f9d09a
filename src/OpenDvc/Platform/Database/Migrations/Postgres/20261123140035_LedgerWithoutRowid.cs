using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDvc.Platform.Database.Migrations.Postgres
{
    /// <summary>
    /// Nothing to do on PostgreSQL: the SQLite set's migration of the same name makes <c>dossiers</c> and
    /// <c>dossier_rollups</c> WITHOUT ROWID tables there; PostgreSQL heap tables have no rowid B-tree to drop. Kept
    /// so both sets hold the same migrations (decision 003).
    /// </summary>
    public partial class LedgerWithoutRowid : Migration
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
