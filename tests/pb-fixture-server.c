/* pb-fixture-server.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The test server as a program, for scripts: serves the API captures in
 * DIR on 127.0.0.1, prints its address on a line of its own, and runs until
 * its standard input closes.
 *
 *   pb-fixture-server DIR [--fault KEY=500|429|stall|truncated|…]
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "pb-test-server.h"

static const struct { const char *name; PbFault fault; } faults[] = {
  { "500", PB_FAULT_500 }, { "429", PB_FAULT_429 }, { "503", PB_FAULT_503_RATELIMIT },
  { "stall", PB_FAULT_STALL }, { "truncated", PB_FAULT_TRUNCATED }, { "huge", PB_FAULT_HUGE },
  { "error", PB_FAULT_ERROR_OBJECT }, { "redirect", PB_FAULT_REDIRECT_LOOP },
  { "html", PB_FAULT_HTML },
};

int
main (int    argc,
      char **argv)
{
  g_autoptr(PbTestServer) server = NULL;
  char buf[256];

  if (argc < 2)
    {
      fprintf (stderr, "usage: pb-fixture-server DIR [--fault KEY=KIND]...\n");
      return 2;
    }

  server = pb_test_server_new (argv[1]);
  for (int i = 2; i + 1 < argc; i += 2)
    {
      g_auto(GStrv) kv = g_strsplit (argv[i + 1], "=", 2);
      gboolean known = FALSE;

      for (guint j = 0; kv[0] && kv[1] && j < G_N_ELEMENTS (faults); j++)
        if (g_str_equal (kv[1], faults[j].name))
          {
            pb_test_server_set_fault (server, kv[0], faults[j].fault);
            known = TRUE;
          }
      if (!g_str_equal (argv[i], "--fault") || !known)
        {
          fprintf (stderr, "pb-fixture-server: cannot use %s %s\n", argv[i], argv[i + 1]);
          return 2;
        }
    }

  printf ("%s\n", pb_test_server_get_url (server));
  fflush (stdout);

  while (fgets (buf, sizeof buf, stdin) != NULL)
    ;

  return 0;
}
