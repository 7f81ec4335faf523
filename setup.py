"""Builds the compiled core: the C sources in csrc/ and every Cython module in rlve_fast/.

Every ``.pyx`` under ``rlve_fast/`` becomes an extension module of the same dotted name and
is linked with the shared C kernels, so an environment's own compiled scorer lives next to
its Python module and is found here without editing this file."""
import os
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).parent
C_SOURCES = sorted(str(p.relative_to(HERE)) for p in (HERE / "csrc").glob("*.c"))
COMPILE_ARGS = ["-O3", "-std=c11", "-Wno-unused-function"] if os.name != "nt" else ["/O2"]


def extensions():
    from Cython.Build import cythonize

    modules = []
    for pyx in sorted((HERE / "rlve_fast").rglob("*.pyx")):
        rel = pyx.relative_to(HERE)
        name = ".".join(rel.with_suffix("").parts)
        modules.append(Extension(name, [str(rel)], include_dirs=["csrc"],
                                 extra_compile_args=COMPILE_ARGS, depends=C_SOURCES))
    return cythonize(modules, language_level=3, nthreads=os.cpu_count() or 1,
                     compiler_directives={"embedsignature": True})


class ParallelBuildExt(build_ext):
    """Compiles the extension modules on every core (one per environment kernel adds up).

    The shared C kernels are compiled once, before the parallel step, and linked into every
    module as ready objects: compiling them per module in parallel had several jobs writing
    and linking the same object file at once (a racy, sometimes failing build)."""

    def finalize_options(self):
        super().finalize_options()
        if not self.parallel:
            self.parallel = os.cpu_count() or 1

    def build_extensions(self):
        shared_objects = self.compiler.compile(
            C_SOURCES, output_dir=self.build_temp, include_dirs=["csrc"],
            extra_postargs=COMPILE_ARGS, debug=self.debug)
        for ext in self.extensions:
            ext.extra_objects = list(ext.extra_objects or []) + shared_objects
        super().build_extensions()


setup(ext_modules=extensions(), cmdclass={"build_ext": ParallelBuildExt})
