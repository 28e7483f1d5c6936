using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MiniOAuth.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ResourceServers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsResourceServer",
                table: "Clients",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsResourceServer",
                table: "Clients");
        }
    }
}
