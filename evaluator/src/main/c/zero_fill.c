/*
 * Zeroes the engine's weight-sized CPU allocations, and no others.
 *
 * libtorch 2.5.1's oneDNN (3.5) reorders convolution weights into blocked layouts whose channel counts are padded to
 * the SIMD block, and on some CPUs reads that padding without having zeroed it: NaN left in recycled memory then
 * turns whole output channels into NaN (NaN x 0 = NaN). The buffers it reads are the padded copies of weights, which
 * libc10's allocator and oneDNN's own allocator (dnnl::impl::malloc) both take from posix_memalign. libc10's flag
 * caffe2_cpu_allocator_do_zero_fill zeroes every allocation, activations included, and costs about 40% of a training
 * step; this hook zeroes only the allocations no larger than a bound that SmartNAS sets to the largest padded weight
 * of the networks alive in the process, so that activations (much larger at a training batch) are left alone.
 *
 * smartnas_hook(name) points the posix_memalign slots of one loaded library's global offset table at the zeroing
 * wrapper below; smartnas_zero_up_to(bytes) sets the bound (0, the start: nothing is zeroed). Linux x86-64 only.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <link.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static _Atomic size_t zero_up_to = 0;
static _Atomic int poison_above = 0;

static int zeroing_posix_memalign(void **memory, size_t alignment, size_t size) {
    int status = posix_memalign(memory, alignment, size);
    if (status == 0) {
        if (size <= atomic_load_explicit(&zero_up_to, memory_order_relaxed)) {
            memset(*memory, 0, size);
        } else if (atomic_load_explicit(&poison_above, memory_order_relaxed)) {
            memset(*memory, 0xff, size); /* NaN as float, whatever the engine reads before it writes */
        }
    }
    return status;
}

/* Allocations of at most this many bytes are zeroed from now on, in every hooked library. */
void smartnas_zero_up_to(size_t bytes) {
    atomic_store_explicit(&zero_up_to, bytes, memory_order_relaxed);
}

/*
 * For tests: fills every larger allocation with NaN, the worst that recycled memory can hold, so that a read of
 * memory the engine never wrote shows at once instead of now and then.
 */
void smartnas_poison_above(int on) {
    atomic_store_explicit(&poison_above, on, memory_order_relaxed);
}

struct request {
    const char *name;
    int found;
    int slots;
    int failed;
};

/* A dynamic-section address: glibc relocates most of them in place when it loads a library, but not all do. */
static uintptr_t address(ElfW(Addr) base, ElfW(Addr) value) {
    return value < base ? base + value : value;
}

static int point_slot_at_wrapper(uintptr_t slot) {
    long page = sysconf(_SC_PAGESIZE);
    void *start = (void *) (slot & ~(uintptr_t) (page - 1));
    size_t length = (slot + sizeof(void *)) - (uintptr_t) start;
    if (mprotect(start, length, PROT_READ | PROT_WRITE) != 0) {
        return -1;
    }
    *(void **) slot = (void *) zeroing_posix_memalign;
    return 0;
}

static void patch_relocations(ElfW(Addr) base, const ElfW(Rela) *relocations, size_t bytes, const ElfW(Sym) *symbols,
                              const char *strings, struct request *request) {
    if (relocations == NULL || symbols == NULL || strings == NULL) {
        return;
    }
    for (size_t i = 0; i < bytes / sizeof(ElfW(Rela)); i++) {
        unsigned long type = ELF64_R_TYPE(relocations[i].r_info);
        if (type != R_X86_64_JUMP_SLOT && type != R_X86_64_GLOB_DAT) {
            continue;
        }
        const char *name = strings + symbols[ELF64_R_SYM(relocations[i].r_info)].st_name;
        if (strcmp(name, "posix_memalign") == 0) {
            if (point_slot_at_wrapper(base + relocations[i].r_offset) == 0) {
                request->slots++;
            } else {
                request->failed++;
            }
        }
    }
}

static int visit(struct dl_phdr_info *info, size_t size, void *data) {
    (void) size;
    struct request *request = data;
    const char *slash = info->dlpi_name == NULL ? NULL : strrchr(info->dlpi_name, '/');
    if (slash == NULL || strcmp(slash + 1, request->name) != 0) {
        return 0;
    }
    request->found = 1;
    const ElfW(Dyn) *dynamic = NULL;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        if (info->dlpi_phdr[i].p_type == PT_DYNAMIC) {
            dynamic = (const ElfW(Dyn) *) (info->dlpi_addr + info->dlpi_phdr[i].p_vaddr);
        }
    }
    if (dynamic == NULL) {
        return 1;
    }
    ElfW(Addr) base = info->dlpi_addr;
    const ElfW(Sym) *symbols = NULL;
    const char *strings = NULL;
    const ElfW(Rela) *plt = NULL, *other = NULL;
    size_t plt_bytes = 0, other_bytes = 0;
    for (const ElfW(Dyn) *entry = dynamic; entry->d_tag != DT_NULL; entry++) {
        switch (entry->d_tag) {
            case DT_SYMTAB: symbols = (const ElfW(Sym) *) address(base, entry->d_un.d_ptr); break;
            case DT_STRTAB: strings = (const char *) address(base, entry->d_un.d_ptr); break;
            case DT_JMPREL: plt = (const ElfW(Rela) *) address(base, entry->d_un.d_ptr); break;
            case DT_PLTRELSZ: plt_bytes = entry->d_un.d_val; break;
            case DT_RELA: other = (const ElfW(Rela) *) address(base, entry->d_un.d_ptr); break;
            case DT_RELASZ: other_bytes = entry->d_un.d_val; break;
            default: break;
        }
    }
    patch_relocations(base, plt, plt_bytes, symbols, strings, request);
    patch_relocations(base, other, other_bytes, symbols, strings, request);
    return 1;
}

/*
 * Hooks posix_memalign in the first loaded library whose file is called `name` (libc10.so, say).
 * Returns the number of slots hooked (at least 1 when the library imports it), -1 if no such library is loaded,
 * -2 if a slot could not be made writable.
 */
int smartnas_hook(const char *name) {
    struct request request = {name, 0, 0, 0};
    dl_iterate_phdr(visit, &request);
    if (!request.found) {
        return -1;
    }
    return request.failed > 0 ? -2 : request.slots;
}
