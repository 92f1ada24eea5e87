// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace grove {

/// Help texts of 2LevelMissingOnePass questions (Parker & Goldstein 2019 and Stat-JR's hover help).
extern const char* const yOnePassHelp;
extern const char* const distOnePassHelp;
extern const char* const l2intHelp;
extern const char* const l2idOnePassHelp;
extern const char* const numpolyHelp;
extern const char* const xpolyHelp;
extern const char* const xpowerHelp;
extern const char* const numinterHelp;
extern const char* const xinterHelp;
extern const char* const xvarsHelp;
extern const char* const x2varsHelp;
extern const char* const l1respHelp;
extern const char* const yimpHelp;
extern const char* const l2impHelp;
extern const char* const l2idimpHelp;
extern const char* const l2respHelp;
extern const char* const l2dataHelp;
extern const char* const yimp2OnePassHelp;
extern const char* const onePassResponseTypeHelp;
extern const char* const onePassExplanatoryHelp;
extern const char* const priorsintHelp;
extern const char* const storeresidHelp;
extern const char* const priors2Help;
extern const char* const nchainsHelp;
extern const char* const seedHelp;
extern const char* const burninOnePassHelp;
extern const char* const iterationsOnePassHelp;
extern const char* const thinningHelp;
extern const char* const defaultalgHelp;
extern const char* const adaptitersHelp;
extern const char* const makepredHelp;
extern const char* const defaultsvHelp;
extern const char* const imputeitersHelp;
extern const char* const outdataHelp;

} // namespace grove
