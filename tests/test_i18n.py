import polib

from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader


@tagged("post_install", "-at_install")
class TestGermanTranslation(TransactionCase):
    def test_every_term_has_a_german_translation(self):
        """Each user-facing term of the addon is translated in i18n/de.po."""
        terms = {
            source
            for module, _type, _name, _res_id, source, _value, _comments in (
                TranslationModuleReader(self.env.cr, modules=["hr_performance"])
            )
            if module == "hr_performance" and source
        }
        catalogue = polib.pofile(file_path("hr_performance/i18n/de.po"))
        translated = {entry.msgid for entry in catalogue if entry.msgstr}
        self.assertGreater(len(terms), 10)
        self.assertEqual(sorted(terms - translated), [])

    def test_german_users_see_german_group_names(self):
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"]._load_module_terms(
            ["hr_performance"], ["de_DE"], overwrite=True
        )
        group = self.env.ref("hr_performance.group_hr_performance_admin")
        self.assertEqual(group.with_context(lang="de_DE").name, "Personaladministrator")
        category = self.env.ref("hr_performance.module_category_hr_performance")
        self.assertEqual(
            category.with_context(lang="de_DE").name, "Leistungsmanagement"
        )
