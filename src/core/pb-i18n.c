/* pb-i18n.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "pb-i18n.h"

/**
 * pb_i18n_init:
 *
 * Sets the locale from the environment and binds Paperboy's translations,
 * for both programs. They come from the installation's locale folder, or
 * from `PAPERBOY_LOCALEDIR` when it is set: `build-aux/dev run` and the
 * tests point it at the catalogues compiled in the build tree, so that a
 * translation can be seen without installing it.
 */
void
pb_i18n_init (void)
{
  const char *localedir = g_getenv ("PAPERBOY_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
