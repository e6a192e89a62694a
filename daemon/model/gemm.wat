;; Matrix kernels for the wasm backend, run on tfjs-backend-wasm's own heap (its memory is imported,
;; so tensors are read and written in place). Assembled to dist/gemm.wasm by scripts/build.mjs;
;; gemm.ts loads it.
;;
;; Why our own product: XNNPACK's in tfjs-backend-wasm has no fused multiply-add (it predates
;; relaxed SIMD), takes no transposed operands, and repacks its right operand on every call, which
;; our training step cannot avoid (weights change every step, gradients are new every step). This
;; kernel multiplies with f32x4.relaxed_madd (one FMA instruction on x86 with FMA), reads A through
;; any pair of strides (so Aᵀ costs nothing) and B in place: about twice XNNPACK's speed on the
;; reference model's products (bench/out figures in the #3 note).
;;
;; All addresses are byte offsets into the heap; strides and sizes are in elements.
(module
  (import "env" "memory" (memory 0))

  ;; Depth of one pass over k: a 4 × KC block of A and a KC × 8 block of B stay in L1 between tiles.
  (global $KC i32 (i32.const 128))

  ;; C = A·B, plus bias(j) on every row when bias ≠ 0.
  ;;   A(i,k) at a + 4(i·ars + k·acs)   B(k,j) at b + 4(k·ldb + j)   C(i,j) at c + 4(i·ldc + j)
  ;; Tiles of 4 rows × 8 columns keep 8 accumulators in registers; k runs in passes of KC, each
  ;; pass after the first adding to what the previous one stored. Edges go through $edge.
  (func $matmul (export "matmul")
    (param $a i32) (param $ars i32) (param $acs i32)
    (param $b i32) (param $ldb i32)
    (param $c i32) (param $ldc i32)
    (param $bias i32)
    (param $M i32) (param $N i32) (param $K i32)
    (local $i i32) (local $j i32) (local $k i32) (local $k0 i32) (local $kc i32)
    (local $pa0 i32) (local $pa1 i32) (local $pa2 i32) (local $pa3 i32) (local $pb i32) (local $pc i32)
    (local $av v128) (local $b0 v128) (local $b1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $ars (i32.shl (local.get $ars) (i32.const 2)))
    (local.set $acs (i32.shl (local.get $acs) (i32.const 2)))
    (local.set $ldb (i32.shl (local.get $ldb) (i32.const 2)))
    (local.set $ldc (i32.shl (local.get $ldc) (i32.const 2)))
    (block $passes_done
      (loop $passes
        (br_if $passes_done (i32.ge_s (local.get $k0) (local.get $K)))
        (local.set $kc (select (global.get $KC) (i32.sub (local.get $K) (local.get $k0))
          (i32.lt_s (global.get $KC) (i32.sub (local.get $K) (local.get $k0)))))
        (local.set $i (i32.const 0))
        (block $rows_done
          (loop $rows
            (br_if $rows_done (i32.gt_s (i32.add (local.get $i) (i32.const 4)) (local.get $M)))
            (local.set $j (i32.const 0))
            (block $columns_done
              (loop $columns
                (br_if $columns_done (i32.gt_s (i32.add (local.get $j) (i32.const 8)) (local.get $N)))
                (local.set $pc (i32.add (local.get $c) (i32.add (i32.mul (local.get $i) (local.get $ldc)) (i32.shl (local.get $j) (i32.const 2)))))
                (if (local.get $k0)
                  (then
                    (local.set $c00 (v128.load (local.get $pc)))
                    (local.set $c01 (v128.load offset=16 (local.get $pc)))
                    (local.set $c10 (v128.load (i32.add (local.get $pc) (local.get $ldc))))
                    (local.set $c11 (v128.load offset=16 (i32.add (local.get $pc) (local.get $ldc))))
                    (local.set $c20 (v128.load (i32.add (local.get $pc) (i32.shl (local.get $ldc) (i32.const 1)))))
                    (local.set $c21 (v128.load offset=16 (i32.add (local.get $pc) (i32.shl (local.get $ldc) (i32.const 1)))))
                    (local.set $c30 (v128.load (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 3)))))
                    (local.set $c31 (v128.load offset=16 (i32.add (local.get $pc) (i32.mul (local.get $ldc) (i32.const 3))))))
                  (else
                    (if (local.get $bias)
                      (then
                        (local.set $c00 (v128.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))
                        (local.set $c01 (v128.load offset=16 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2))))))
                      (else
                        (local.set $c00 (v128.const i32x4 0 0 0 0))
                        (local.set $c01 (v128.const i32x4 0 0 0 0))))
                    (local.set $c10 (local.get $c00)) (local.set $c11 (local.get $c01))
                    (local.set $c20 (local.get $c00)) (local.set $c21 (local.get $c01))
                    (local.set $c30 (local.get $c00)) (local.set $c31 (local.get $c01))))
                (local.set $pa0 (i32.add (local.get $a) (i32.add (i32.mul (local.get $i) (local.get $ars)) (i32.mul (local.get $k0) (local.get $acs)))))
                (local.set $pa1 (i32.add (local.get $pa0) (local.get $ars)))
                (local.set $pa2 (i32.add (local.get $pa1) (local.get $ars)))
                (local.set $pa3 (i32.add (local.get $pa2) (local.get $ars)))
                (local.set $pb (i32.add (local.get $b) (i32.add (i32.mul (local.get $k0) (local.get $ldb)) (i32.shl (local.get $j) (i32.const 2)))))
                (local.set $k (local.get $kc))
                (block $k_done
                  (loop $ks
                    (br_if $k_done (i32.eqz (local.get $k)))
                    (local.set $b0 (v128.load (local.get $pb)))
                    (local.set $b1 (v128.load offset=16 (local.get $pb)))
                    (local.set $av (v128.load32_splat (local.get $pa0)))
                    (local.set $c00 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c00)))
                    (local.set $c01 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c01)))
                    (local.set $av (v128.load32_splat (local.get $pa1)))
                    (local.set $c10 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c10)))
                    (local.set $c11 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c11)))
                    (local.set $av (v128.load32_splat (local.get $pa2)))
                    (local.set $c20 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c20)))
                    (local.set $c21 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c21)))
                    (local.set $av (v128.load32_splat (local.get $pa3)))
                    (local.set $c30 (f32x4.relaxed_madd (local.get $av) (local.get $b0) (local.get $c30)))
                    (local.set $c31 (f32x4.relaxed_madd (local.get $av) (local.get $b1) (local.get $c31)))
                    (local.set $pa0 (i32.add (local.get $pa0) (local.get $acs)))
                    (local.set $pa1 (i32.add (local.get $pa1) (local.get $acs)))
                    (local.set $pa2 (i32.add (local.get $pa2) (local.get $acs)))
                    (local.set $pa3 (i32.add (local.get $pa3) (local.get $acs)))
                    (local.set $pb (i32.add (local.get $pb) (local.get $ldb)))
                    (local.set $k (i32.sub (local.get $k) (i32.const 1)))
                    (br $ks)))
                (v128.store (local.get $pc) (local.get $c00))
                (v128.store offset=16 (local.get $pc) (local.get $c01))
                (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
                (v128.store (local.get $pc) (local.get $c10))
                (v128.store offset=16 (local.get $pc) (local.get $c11))
                (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
                (v128.store (local.get $pc) (local.get $c20))
                (v128.store offset=16 (local.get $pc) (local.get $c21))
                (local.set $pc (i32.add (local.get $pc) (local.get $ldc)))
                (v128.store (local.get $pc) (local.get $c30))
                (v128.store offset=16 (local.get $pc) (local.get $c31))
                (local.set $j (i32.add (local.get $j) (i32.const 8)))
                (br $columns)))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $rows)))
        (local.set $k0 (i32.add (local.get $k0) (global.get $KC)))
        (br $passes)))
    ;; the columns right of the last whole tile, in the rows the tiles covered
    (call $edge (local.get $a) (local.get $ars) (local.get $acs) (local.get $b) (local.get $ldb) (local.get $c) (local.get $ldc) (local.get $bias)
      (i32.const 0) (i32.and (local.get $M) (i32.const -4)) (i32.and (local.get $N) (i32.const -8)) (local.get $N) (local.get $K))
    ;; the rows below the last whole tile, every column
    (call $edge (local.get $a) (local.get $ars) (local.get $acs) (local.get $b) (local.get $ldb) (local.get $c) (local.get $ldc) (local.get $bias)
      (i32.and (local.get $M) (i32.const -4)) (local.get $M) (i32.const 0) (local.get $N) (local.get $K)))

  ;; C(i,j) of $matmul for rows [i0, i1) and columns [j0, j1), one value at a time (strides in bytes).
  (func $edge
    (param $a i32) (param $ars i32) (param $acs i32) (param $b i32) (param $ldb i32) (param $c i32) (param $ldc i32) (param $bias i32)
    (param $i0 i32) (param $i1 i32) (param $j0 i32) (param $j1 i32) (param $K i32)
    (local $i i32) (local $j i32) (local $k i32) (local $pa i32) (local $pb i32) (local $sum f32)
    (local.set $i (local.get $i0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_s (local.get $i) (local.get $i1)))
        (local.set $j (local.get $j0))
        (block $columns_done
          (loop $columns
            (br_if $columns_done (i32.ge_s (local.get $j) (local.get $j1)))
            (local.set $sum (if (result f32) (local.get $bias)
              (then (f32.load (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))
              (else (f32.const 0))))
            (local.set $pa (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $ars))))
            (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $k (local.get $K))
            (block $k_done
              (loop $ks
                (br_if $k_done (i32.eqz (local.get $k)))
                (local.set $sum (f32.add (local.get $sum) (f32.mul (f32.load (local.get $pa)) (f32.load (local.get $pb)))))
                (local.set $pa (i32.add (local.get $pa) (local.get $acs)))
                (local.set $pb (i32.add (local.get $pb) (local.get $ldb)))
                (local.set $k (i32.sub (local.get $k) (i32.const 1)))
                (br $ks)))
            (f32.store (i32.add (local.get $c) (i32.add (i32.mul (local.get $i) (local.get $ldc)) (i32.shl (local.get $j) (i32.const 2)))) (local.get $sum))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $columns)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; dst[cols, rows] = src[rows, cols]ᵀ, both dense.
  (func (export "transpose") (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (local $r i32) (local $c i32) (local $from i32)
    (block $rows_done
      (loop $each_row
        (br_if $rows_done (i32.ge_s (local.get $r) (local.get $rows)))
        (local.set $from (i32.add (local.get $src) (i32.shl (i32.mul (local.get $r) (local.get $cols)) (i32.const 2))))
        (local.set $c (i32.const 0))
        (block $cols_done
          (loop $each_col
            (br_if $cols_done (i32.ge_s (local.get $c) (local.get $cols)))
            (f32.store
              (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $c) (local.get $rows)) (local.get $r)) (i32.const 2)))
              (f32.load (i32.add (local.get $from) (i32.shl (local.get $c) (i32.const 2)))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $each_col)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $each_row))))

  ;; dst[cols] = the sums of src[rows, cols]'s columns, four columns at a time.
  (func (export "column_sums") (param $src i32) (param $rows i32) (param $cols i32) (param $dst i32)
    (local $r i32) (local $c i32) (local $p i32) (local $stride i32) (local $sum v128) (local $one f32)
    (local.set $stride (i32.shl (local.get $cols) (i32.const 2)))
    (block $quads_done
      (loop $quads
        (br_if $quads_done (i32.gt_s (i32.add (local.get $c) (i32.const 4)) (local.get $cols)))
        (local.set $sum (v128.const i32x4 0 0 0 0))
        (local.set $p (i32.add (local.get $src) (i32.shl (local.get $c) (i32.const 2))))
        (local.set $r (local.get $rows))
        (block $rows_done
          (loop $each_row
            (br_if $rows_done (i32.eqz (local.get $r)))
            (local.set $sum (f32x4.add (local.get $sum) (v128.load (local.get $p))))
            (local.set $p (i32.add (local.get $p) (local.get $stride)))
            (local.set $r (i32.sub (local.get $r) (i32.const 1)))
            (br $each_row)))
        (v128.store (i32.add (local.get $dst) (i32.shl (local.get $c) (i32.const 2))) (local.get $sum))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $quads)))
    (block $singles_done
      (loop $singles
        (br_if $singles_done (i32.ge_s (local.get $c) (local.get $cols)))
        (local.set $one (f32.const 0))
        (local.set $p (i32.add (local.get $src) (i32.shl (local.get $c) (i32.const 2))))
        (local.set $r (local.get $rows))
        (block $rows_done
          (loop $each_row
            (br_if $rows_done (i32.eqz (local.get $r)))
            (local.set $one (f32.add (local.get $one) (f32.load (local.get $p))))
            (local.set $p (i32.add (local.get $p) (local.get $stride)))
            (local.set $r (i32.sub (local.get $r) (i32.const 1)))
            (br $each_row)))
        (f32.store (i32.add (local.get $dst) (i32.shl (local.get $c) (i32.const 2))) (local.get $one))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $singles))))
)
