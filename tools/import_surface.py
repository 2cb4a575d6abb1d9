"""An import-linter contract that is an allow-list: an app's public surface is its `models`,
`services` and `queries`, and no other app may import anything else of it. The built-in
`forbidden` and `protected` contracts list what is forbidden; a new private module would pass
them unnoticed, so this one lists what is allowed (import-linter has no such type)."""

from importlinter import Contract, ContractCheck, fields, output


class SurfaceContract(Contract):
    """Options: `apps` (the package holding the apps), `public` (the module names another app may
    import), `kernel` (packages anyone may import whole), `roots` (composition roots that may
    import any module: URL map, API, command line)."""

    type_name = "surface"

    apps = fields.StringField()
    public = fields.ListField(subfield=fields.StringField())
    kernel = fields.ListField(subfield=fields.StringField())
    roots = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose: bool) -> ContractCheck:  # type: ignore[no-untyped-def]
        prefix = f"{self.apps}."
        public, kernel, roots = set(self.public), set(self.kernel), set(self.roots)  # type: ignore[call-overload]

        def app_of(module: str) -> str | None:
            return module[len(prefix):].split(".")[0] if module.startswith(prefix) else None

        def is_root(module: str) -> bool:
            return any(module == root or module.startswith(f"{root}.") for root in roots)

        broken = []
        for importer in sorted(graph.modules):
            importer_app = app_of(importer)
            if importer_app is None or is_root(importer):
                continue
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                imported_app = app_of(imported)
                if imported_app is None or imported_app == importer_app or f"{prefix}{imported_app}" in kernel:
                    continue
                rest = imported[len(f"{prefix}{imported_app}"):].lstrip(".").split(".")
                if rest[0] in public:
                    continue
                lines = [str(d["line_number"]) for d in graph.get_import_details(importer=importer, imported=imported)]
                broken.append(f"{importer} -> {imported} (l.{', '.join(lines)})")
        return ContractCheck(kept=not broken, metadata={"broken": broken})

    def render_broken_contract(self, check: ContractCheck) -> None:
        output.print_error(f"Another app may import only {', '.join(self.public)}:", bold=False)  # type: ignore[call-overload]
        output.new_line()
        for line in check.metadata["broken"]:
            output.print_error(f"- {line}", bold=False)
            output.new_line()
