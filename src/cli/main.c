/* main.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "paperboy-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pb-cli.h"
#include "pb-i18n.h"

typedef struct
{
  const char   *name;
  PbCliCommand  run;
  const char   *summary;
} Command;

static const Command commands[] = {
  { "import", pb_cli_import, N_("Import papers from JSON files of the Hugging Face API") },
  { "list", pb_cli_list, N_("List papers: a day, a week, a month, trending, starred…") },
  { "search", pb_cli_search, N_("Search titles, authors, abstracts and keywords") },
  { "show", pb_cli_show, N_("Show everything about one paper") },
  { "star", pb_cli_star, N_("Star a paper") },
  { "unstar", pb_cli_unstar, N_("Remove the star from a paper") },
  { "read", pb_cli_read, N_("Mark a paper as read") },
  { "unread", pb_cli_unread, N_("Mark a paper as unread") },
  { "export", pb_cli_export, N_("Export papers as JSON or BibTeX") },
  { "status", pb_cli_status, N_("Show where the data comes from and how fresh it is") },
  { "sync", pb_cli_sync, N_("Fetch the latest papers from Hugging Face") },
  { "run-due", pb_cli_run_due, N_("Do the background work that is due, once") },
  { "service", pb_cli_service, N_("Keep the papers fresh in the background") },
  { "digest", pb_cli_digest, N_("The daily email digest: preview, send, log") },
  { "account", pb_cli_account, N_("The mail account that sends the digest") },
};

static void
print_help (FILE *out)
{
  g_autofree char *db_option = g_strdup_printf ("--db %s", _("PATH"));
  g_autofree char *db_column = pb_cli_dup_padded (db_option, 20);

  fprintf (out, "%s\n  paperboy-cli [%s] %s\n\n", _("Usage:"), db_option,
           _("COMMAND [OPTIONS…]"));
  fprintf (out, "%s\n\n", _("Paperboy keeps the trending papers of Hugging Face on this computer."));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Options:"));
  fprintf (out, "  %s %s\n", db_column, _("Use this database instead of the default one"));
  fprintf (out, "  %-20s %s\n", "--version", _("Show the version"));
  fprintf (out, "  %-20s %s\n", "-h, --help", _("Show this help"));
  fprintf (out, "\n%s\n", _("Run “paperboy-cli COMMAND --help” for the options of a command."));
}

/* Every early return of main() (--help, a usage error) must free --db. */
static void
clear_cli (PbCli *cli)
{
  g_clear_pointer (&cli->db_path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PbCli, clear_cli)

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

int
main (int    argc,
      char **argv)
{
  g_auto(PbCli) cli = { NULL, FALSE };
  const Command *command;
  int first = 1;
  int status;

  pb_i18n_init ();
  g_set_prgname ("paperboy-cli");

  /* Options before the command: only --db, --help and --version. */
  while (first < argc && argv[first][0] == '-')
    {
      const char *arg = argv[first];

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_help (stdout);
          return PB_EXIT_OK;
        }
      if (g_str_equal (arg, "--version"))
        {
          g_print ("paperboy-cli %s\n", PACKAGE_VERSION);
          return PB_EXIT_OK;
        }
      if (g_str_equal (arg, "--db") && first + 1 < argc)
        {
          g_free (cli.db_path);
          cli.db_path = g_strdup (argv[first + 1]);
          first += 2;
          continue;
        }
      if (g_str_has_prefix (arg, "--db="))
        {
          g_free (cli.db_path);
          cli.db_path = g_strdup (arg + strlen ("--db="));
          first++;
          continue;
        }

      g_printerr (_("paperboy-cli: unknown option “%s”\n"), arg);
      g_printerr (_("Run “paperboy-cli --help” to see the commands.\n"));
      return PB_EXIT_USAGE;
    }

  if (first >= argc)
    {
      print_help (stderr);
      return PB_EXIT_USAGE;
    }

  command = find_command (argv[first]);
  if (command == NULL)
    {
      g_printerr (_("paperboy-cli: unknown command “%s”\n"), argv[first]);
      g_printerr (_("Run “paperboy-cli --help” to see the commands.\n"));
      return PB_EXIT_USAGE;
    }

  status = command->run (&cli, argc - first, argv + first);

  return status;
}
