//go:build !purego

#include "textflag.h"

// func dotRowsAVX2(q *int16, codes *int8, dim, n int, out *int32)
//
// out[r] = Σ_j codes[r·dim+j]·q[j] for r in [0, n), exactly in int32: each
// code is sign-extended to 16 bits (VPMOVSXBW), multiplied by the query's
// 16-bit code and summed in adjacent pairs into 32-bit lanes (VPMADDWD);
// |pair| ≤ 2·127² and dim ≤ maxQuantDim keep every lane and the total far
// from overflow. dim is a positive multiple of 32.
TEXT ·dotRowsAVX2(SB), NOSPLIT, $0-40
	MOVQ q+0(FP), SI
	MOVQ codes+8(FP), DI
	MOVQ dim+16(FP), CX
	MOVQ n+24(FP), DX
	MOVQ out+32(FP), R8

row:
	TESTQ DX, DX
	JZ    done
	VPXOR Y0, Y0, Y0
	VPXOR Y3, Y3, Y3
	MOVQ  SI, R9
	MOVQ  CX, R10

inner:
	VPMOVSXBW (DI), Y1
	VPMADDWD  (R9), Y1, Y1
	VPADDD    Y1, Y0, Y0
	VPMOVSXBW 16(DI), Y2
	VPMADDWD  32(R9), Y2, Y2
	VPADDD    Y2, Y3, Y3
	ADDQ      $32, DI
	ADDQ      $64, R9
	SUBQ      $32, R10
	JNZ       inner

	VPADDD       Y3, Y0, Y0
	VEXTRACTI128 $1, Y0, X1
	VPADDD       X1, X0, X0
	VPSHUFD      $0x4E, X0, X1
	VPADDD       X1, X0, X0
	VPSHUFD      $0xB1, X0, X1
	VPADDD       X1, X0, X0
	VMOVD        X0, (R8)
	ADDQ         $4, R8
	DECQ         DX
	JMP          row

done:
	VZEROUPPER
	RET
